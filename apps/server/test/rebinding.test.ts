// A web page cannot drive the server: the control API refuses a Host that is not one of the
// server's names (DNS rebinding), an Origin of another site, and a body not declared JSON (a
// browser's "simple" request needs no preflight); the API routes, bound to loopback, refuse a
// foreign Host too. What `pnpm dev` relies on still works: the web page's vite proxy (changeOrigin)
// and --allowed-host for a name of one's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, pathOf } from "./support/harness.js";
import { rawRequest } from "./support/raw-request.js";
import { startTestServer } from "./support/start-test-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ transitions: { mode: "manual" }, allowedHosts: ["notebook.test"] });
});
afterAll(() => server?.close());

const faults = JSON.stringify({ failNextSaves: 1000000, statusMessage: "from a web page" });
const control = (method: string, path: string, headers: Record<string, string>, body?: string) =>
  rawRequest(server.url, {
    method,
    path: `/_control${path}`,
    headers,
    ...(body === undefined ? {} : { body }),
  });
const pendingFaults = async () =>
  (await control("GET", "/health", {})).body.faults?.failNextSaves as number | undefined;
const listPath = pathOf("ListImage", { project_id: DEV_PROJECT_ID });

describe("the control API", () => {
  it("refuses a body not declared application/json: a page's text/plain POST changes nothing", async () => {
    const before = await pendingFaults();
    const response = await control("POST", "/faults", { "content-type": "text/plain" }, faults);
    expect(response.status).toBe(415);
    expect(response.body.error_msg).toContain("application/json");
    const none = await control("POST", "/faults", {}, faults);
    expect(none.status).toBe(415);
    expect(await pendingFaults()).toBe(before);
    // Declared JSON (with a charset too), it is taken.
    const json = await control(
      "POST",
      "/faults",
      { "content-type": "application/json; charset=utf-8" },
      faults,
    );
    expect(json.status).toBe(200);
    expect(await pendingFaults()).toBe(1000000);
    await control("POST", "/reset", {});
  });

  it("refuses a Host that is not one of its names, whatever the rest of the request", async () => {
    for (const host of ["evil.example", `evil.example:${server.port}`, "127.0.0.1.evil.example", ""]) {
      const response = await control("POST", "/reset", { host });
      expect(response.status, host).toBe(403);
      expect(response.body.error_msg).toContain("Host");
    }
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      "notebook.test:80",
      "NOTEBOOK.test",
    ]) {
      expect((await control("GET", "/health", { host })).status, host).toBe(200);
    }
  });

  it("refuses a request from a page of another site (Origin), and takes one from its own names", async () => {
    for (const origin of ["https://evil.example", `http://evil.example:${server.port}`, "null"]) {
      const response = await control("POST", "/reset", { origin });
      expect(response.status, origin).toBe(403);
      expect(response.body.error_msg).toContain("Origin");
    }
    // A page served from this machine, e.g. the web page of `pnpm dev` on :5173.
    expect((await control("GET", "/health", { origin: "http://127.0.0.1:5173" })).status).toBe(200);
    expect((await control("GET", "/health", { origin: "http://notebook.test" })).status).toBe(200);
  });

  it("refuses a path parameter it cannot even look up (U+0000), naming it", async () => {
    const response = await control("POST", "/images/%00/advance", {});
    expect(response.status).toBe(400);
    expect(response.body.error_msg).toContain("id");
    const status = await control(
      "PUT",
      "/notebooks/%00/status",
      { "content-type": "application/json" },
      '{"status":"RUNNING"}',
    );
    expect(status.status).toBe(400);
  });
});

describe("the API routes, bound to loopback", () => {
  const token = { "x-auth-token": DEV_CREDENTIALS.token };

  it("refuse a foreign Host in the API's error shape, with X-Request-Id", async () => {
    const response = await rawRequest(server.url, {
      path: listPath,
      headers: { ...token, host: "evil.example" },
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error_code: "APIGW.0101" });
    expect(response.body.error_msg).toContain("evil.example");
    expect(response.headers["x-request-id"]).toBe(response.body.request_id);
  });

  it("answer the server's own names, and the web page's vite proxy (Host rewritten, the page's Origin kept)", async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, "notebook.test"]) {
      expect(
        (await rawRequest(server.url, { path: listPath, headers: { ...token, host } })).status,
        host,
      ).toBe(200);
    }
    const proxied = await rawRequest(server.url, {
      path: listPath,
      headers: { ...token, host: `127.0.0.1:${server.port}`, origin: "http://127.0.0.1:5173" },
    });
    expect(proxied.status).toBe(200);
  });
});
