// The spec is read and its validators compiled once per process: a test process starts hundreds of
// servers, and compiling the three documents' validators cost every start as much CPU as the rest
// of it. An operation's validators are compiled at its first request, not at the start. Ajv's `compile` is counted (the server's Ajv instances come from the spec's createAjv).
import { createAjv } from "@notebook-image/spec/reader";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { RunningServer, ServerOptions } from "../src/server.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, pathOf } from "./support/harness.js";

// The suite's files share a process (vitest.config.ts: isolate false), so another file may have
// started a server already: the server's modules are loaded afresh here, as in a new process.
let startTestServer: (options: ServerOptions) => Promise<RunningServer>;
beforeAll(async () => {
  vi.resetModules();
  ({ startTestServer } = await import("./support/start-test-server.js"));
});

const ajvPrototype = Object.getPrototypeOf(createAjv([]));
const listPath = pathOf("ListImage", { project_id: DEV_PROJECT_ID });

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) await server.close();
});

/** A ListImage whose limit is no integer: refused by the spec's own rule, naming the field. */
async function badLimit(server: RunningServer) {
  const response = await fetch(`${server.url}${listPath}?limit=many`, {
    headers: { "x-auth-token": DEV_CREDENTIALS.token },
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error_code: string; error_msg: string },
  };
}

it("a second server in the same process compiles no schema, and validates as the first", async () => {
  const compileAtFirst = vi.spyOn(ajvPrototype, "compile");
  const first = await startTestServer({});
  servers.push(first);
  // The first server of a process compiles: had it not, the count below would prove nothing.
  expect(compileAtFirst).toHaveBeenCalled();
  const compiledAtStart = compileAtFirst.mock.calls.length;
  const refusal = await badLimit(first);
  // ListImage's validators are compiled at its first request, not at the start.
  expect(compileAtFirst.mock.calls.length).toBeGreaterThan(compiledAtStart);
  expect(refusal).toMatchObject({ status: 400, body: { error_code: "ModelArts.6336" } });
  expect(refusal.body.error_msg).toContain("limit");
  vi.restoreAllMocks();

  const compileAtSecond = vi.spyOn(ajvPrototype, "compile");
  const second = await startTestServer({});
  servers.push(second);
  expect(await badLimit(second)).toStrictEqual(refusal);
  expect(compileAtSecond).not.toHaveBeenCalled();
});
