// A profiling aid, not part of `pnpm bench`: one variant of the overhead benchmark (the same calls,
// the same reference server), called sequentially, to run under a profiler:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/src/profile-calls.mjs [clientAkSk] [20000]
// Variants: clientToken, clientAkSk, openapiFetch, plainFetch.
import { startReferenceServer, variants } from "./overhead.mjs";

const [name = "clientAkSk", count = "20000"] = process.argv.slice(2);
const server = await startReferenceServer();
try {
  const calls = variants(server.url);
  const call = calls[/** @type {keyof typeof calls} */ (name)];
  if (!call) throw new Error(`no variant ${name}: ${Object.keys(calls).join(", ")}`);
  const started = performance.now();
  for (let i = 0; i < Number(count); i++) await call();
  const micros = ((performance.now() - started) / Number(count)) * 1000;
  process.stdout.write(`${name}: ${micros.toFixed(1)} µs per call over ${count} calls\n`);
} finally {
  server.close();
}
