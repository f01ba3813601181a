#!/usr/bin/env node
// Entry point. Everything that can fail is inside run(), which maps failures to exit codes; this
// file only guards what happens outside it, so that no failure ends in a stack trace.

// `notebook-image ... --json | head -1`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  // Any other write failure leaves nowhere to report it: end with the generic failure code.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? (process.exitCode ?? 0) : 1);
  });
}

try {
  // Imported here, not at the top, so that a broken install is reported in one line.
  const { run } = await import("./run.js");
  process.exitCode = await run(process.argv.slice(2), {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    // Only while a wait listens: a second Ctrl-C, or one at any other time, ends the process.
    onInterrupt(listener) {
      process.once("SIGINT", listener);
      return () => process.off("SIGINT", listener);
    },
  });
} catch (error) {
  process.stderr.write(
    `notebook-image: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
