// What the server's log lines never carry: a cookie or a proxy's credentials (redacted like the
// gateway's own secrets), and, when a request fails with 500, the parameters of the database query
// that failed (PGlite's and pg's errors carry them).
import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { startServerWith } from "../src/server.js";
import { openServerStore } from "../src/server-store.js";
import { openStore } from "../src/store/index.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, pathOf } from "./support/harness.js";
import { rawRequest } from "./support/raw-request.js";

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});

/** A parameter of the failing query: it must not reach the log. */
const PARAMETER = "private-description-\u0000-of-a-user";
let server: RunningServer;
let pglite: PGlite;
beforeAll(async () => {
  pglite = new PGlite();
  // A real database error, as the driver makes it: PostgreSQL refuses U+0000 in text.
  const failure = await pglite.query("select $1::text", [PARAMETER]).catch((error: unknown) => error);
  expect(failure).toHaveProperty("params");
  const options = { logStream, logLevel: "info", transitions: { mode: "manual" as const } };
  const store = await openServerStore(options, openStore);
  store.images.get = async () => {
    throw failure;
  };
  server = await startServerWith(options, { store: Promise.resolve(store) });
});
afterAll(async () => {
  await server?.close();
  await pglite?.close();
});

describe("log lines", () => {
  it("redact Cookie and Proxy-Authorization", async () => {
    const before = lines.length;
    await rawRequest(server.url, {
      path: pathOf("ListImage", { project_id: DEV_PROJECT_ID }),
      headers: {
        "x-auth-token": DEV_CREDENTIALS.token,
        cookie: "session=cookie-secret-value",
        "proxy-authorization": "Basic cHJveHktc2VjcmV0LXZhbHVl",
      },
    });
    const text = lines.slice(before).join("\n");
    expect(text).toContain("[Redacted]");
    expect(text).not.toContain("cookie-secret-value");
    expect(text).not.toContain("cHJveHktc2VjcmV0LXZhbHVl");
  });

  it("of a 500 carry the failing query, never its parameters", async () => {
    const before = lines.length;
    const response = await rawRequest(server.url, {
      path: pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: "00000000-0000-4000-8000-000000000000" }),
      headers: { "x-auth-token": DEV_CREDENTIALS.token },
    });
    expect(response.status).toBe(500);
    const logged = lines.slice(before).map((line) => JSON.parse(line) as { err?: Record<string, unknown> });
    const failure = logged.find((line) => line.err);
    expect(failure?.err).toMatchObject({ query: "select $1::text", code: "22021" });
    const text = lines.slice(before).join("\n");
    expect(text).not.toContain("private-description");
  });
});
