#!/usr/bin/env node
// notebook-image-mock: the Prism mock of the create-image API on 127.0.0.1:4010 (by default), serving
// the bundled spec. Prism reloads the spec by itself when spec/dist/openapi.yaml is rewritten (checked
// with the spec's own redocly build); when a rewrite cannot be parsed Prism exits, and we start it
// again on the next good version.
import { unwatchFile, watchFile } from "node:fs";
import { parseArgs } from "node:util";
import { bundledSpecPath, startMock, startProxy } from "../src/index.js";
import { readableLogLine, reloadInOneLine } from "../src/prism-output.js";

const USAGE = `Usage: notebook-image-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--errors]
       notebook-image-mock --upstream http://127.0.0.1:4020 [--port 4010] [--host 127.0.0.1]

  --port     port to listen on (default 4010; 0 picks a free port)
  --host     host to listen on (default 127.0.0.1)
  --dynamic  generate response bodies from the schemas instead of the spec's examples
  --errors   answer requests that violate the spec with an error instead of a mocked success
  --spec     OpenAPI document to serve (default: the bundled spec/dist/openapi.yaml)
  --upstream instead of mocking, forward every request to this server and validate both ways
             against the spec (a proxy, with --errors: a response that breaks the spec
             becomes a 500 naming the violations)
  --help     show this help`;

/** @typedef {{ port: number; host: string; dynamic: boolean; errors: boolean; spec: string | undefined; upstream: string | undefined }} Options */

/** @returns {Options} */
function readOptions() {
  // `pnpm start -- --port 4011` hands the "--" on to us: skip it.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", default: false },
      errors: { type: "boolean", default: false },
      spec: { type: "string" },
      upstream: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  if (values.upstream !== undefined && values.dynamic)
    throw new Error("--dynamic mocks responses; it cannot go with --upstream");
  return {
    port,
    host: values.host,
    dynamic: values.dynamic,
    errors: values.errors,
    spec: values.spec,
    upstream: values.upstream,
  };
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`notebook-image-mock: ${message(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const spec = options.spec ?? bundledSpecPath();
  // startMock() does not hold the process open; serving is this process' whole job.
  setInterval(() => {}, 1 << 30);
  /** @type {import("../src/index.js").MockServer | undefined} */
  let mock;
  let stopping = false;
  const stop = () => {
    stopping = true;
    void (mock?.close() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  mock = await start(spec, options);
  for (;;) {
    const { code, signal } = await mock.exited;
    if (stopping) return;
    // Prism reloads a rewritten spec by itself, but exits when the new file cannot be parsed. Wait
    // for the next version of the spec (`pnpm dev` rebuilds it) and start again.
    console.error(
      `notebook-image-mock: Prism stopped (${signal ?? `exit code ${code}`}); restarting when ${spec} changes`,
    );
    // Same port as before (even with --port 0), so the URL the user has keeps working.
    mock = await restartOnChange(spec, { ...options, port: mock.port });
    if (stopping) await mock.close();
  }
}

/**
 * @param {string} spec
 * @param {Options} options
 * @returns {Promise<import("../src/index.js").MockServer>}
 */
async function restartOnChange(spec, options) {
  for (;;) {
    await nextChange(spec);
    try {
      return await start(spec, options);
    } catch (error) {
      console.error(`notebook-image-mock: ${message(error)}`);
    }
  }
}

/** Prism's log as the bin prints it: readable lines, a reload of the spec in one. */
const printLog = reloadInOneLine((line) => console.log(readableLogLine(line)));

/**
 * Prism on the spec in place (reloaded when it changes), as a mock or, with --upstream, as a
 * validating proxy (always with --errors: validating is the point of it).
 * @param {string} spec
 * @param {Options} options
 */
function start(spec, { upstream, dynamic, errors, port, host }) {
  const common = {
    spec,
    port,
    host,
    watch: true,
    log: printLog,
  };
  return upstream ? startProxy({ ...common, upstream }) : startMock({ ...common, dynamic, errors });
}

/**
 * Resolves when the file's modification time changes. Polling, because the spec build replaces the file.
 * @param {string} file
 * @returns {Promise<void>}
 */
function nextChange(file) {
  return new Promise((resolve) => {
    /** @param {import("node:fs").Stats} current @param {import("node:fs").Stats} previous */
    const listener = (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs) return;
      unwatchFile(file, listener);
      resolve();
    };
    watchFile(file, { interval: 500 }, listener);
  });
}

/** @param {unknown} error */
function message(error) {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error) => {
  console.error(`notebook-image-mock: ${message(error)}`);
  process.exit(1);
});
