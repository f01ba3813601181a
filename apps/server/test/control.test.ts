// The control API's guards (loopback only; off, or behind a token, on another interface) and its
// checks of what it is sent.
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ControlRequestError, createControlClient, type RunningServer } from "../src/index.js";
import {
  controlDocument,
  DEV_CREDENTIALS,
  DEV_NOTEBOOK_ID,
  DEV_PROJECT_ID,
  type Harness,
  methodOf,
  pathOf,
  spec,
  startHarness,
} from "./support/harness.js";
import { startTestServer } from "./support/start-test-server.js";
import { tempDirs } from "./support/temp-dirs.js";

const newDir = tempDirs("notebook-image-control-test-");

const statuses = (spec.schema("NotebookStatus") as { enum: string[] }).enum;

/** An address of this machine other than loopback, to reach a server bound to every interface from outside loopback. */
function externalAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? [])
      if (address.family === "IPv4" && !address.internal) return address.address;
  }
  throw new Error("this machine has no non-loopback IPv4 address to test the control API's guard with");
}

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, signal: AbortSignal.timeout(5_000) });

// One server bound to every interface behind a control token, for the guard's test and the control
// client's: a server start is most of either test's work.
let tokenServer: Promise<RunningServer> | undefined;
const controlTokenServer = () =>
  (tokenServer ??= startTestServer({
    host: "0.0.0.0",
    allowDevCredentials: true,
    controlToken: "control-secret",
  }));
afterAll(async () => {
  await (await tokenServer)?.close();
});

// One server (and Prism proxy) on loopback for every test of the control API's requests: each test
// begins from the ready-to-use state (POST /_control/reset).
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe("guards", () => {
  it("bound to another interface, the development credentials are refused unless asked for", async () => {
    await expect(startTestServer({ host: "0.0.0.0" })).rejects.toThrow(/--allow-dev-credentials/);
    const server = await startTestServer({ host: "0.0.0.0", tokens: ["a-team-token"] });
    await server.close();
  });

  it("a start refused so closes the store it began to open: its data dir is free at once", async () => {
    // The store is opened first (PGlite starts while the options are checked).
    const dataDir = newDir();
    await expect(startTestServer({ host: "0.0.0.0", dataDir })).rejects.toThrow(/--allow-dev-credentials/);
    const server = await startTestServer({ dataDir });
    await server.close();
  });

  it("bound to another interface without a control token, the control API is off; the API itself still answers", async () => {
    const server = await startTestServer({ host: "0.0.0.0", allowDevCredentials: true });
    try {
      const base = `http://${externalAddress()}:${server.port}`;
      expect((await get(`${base}/_control/health`)).status).toBe(404);
      const api = await get(
        `${base}${pathOf("createImage", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID })}`,
      );
      expect(api.status).not.toBe(0);
    } finally {
      await server.close();
    }
  });

  it("bound to another interface with a control token, it needs that token, compared exactly", async () => {
    const server = await controlTokenServer();
    const base = `http://${externalAddress()}:${server.port}/_control/health`;
    expect((await get(base)).status).toBe(401);
    expect((await get(base, { "x-control-token": "control-secre" })).status).toBe(401);
    expect((await get(base, { "x-control-token": "control-secretx" })).status).toBe(401);
    expect((await get(base, { "x-control-token": "control-secret" })).status).toBe(200);
  });

  it("can be turned off on loopback too", async () => {
    const server = await startTestServer({ control: false });
    try {
      expect((await get(`${server.url}/_control/health`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("requests", () => {
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

  it("health says the engine and the transitions", async () => {
    const response = await h.control("GET", "/health");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", engine: "simulated", transitions: { mode: "time" } });
  });

  it("creates a notebook with the id, name and status asked, in any of the spec's statuses", async () => {
    for (const status of statuses) {
      const response = await h.control("POST", "/notebooks", { name: `nb-${status.toLowerCase()}`, status });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status, name: `nb-${status.toLowerCase()}` });
    }
  });

  it("refuses a status the spec does not know, naming the field", async () => {
    const response = await h.control("POST", "/notebooks", { status: "SLEEPING" });
    expect(response.status).toBe(400);
    expect(response.body.error_msg).toContain("status");
    const put = await h.control("PUT", `/notebooks/${DEV_NOTEBOOK_ID}/status`, { status: "running" });
    expect(put.status).toBe(400);
  });

  it("refuses a notebook id twice, and a status change of a notebook that does not exist", async () => {
    const id = await h.newNotebook();
    expect((await h.control("POST", "/notebooks", { id })).status).toBe(409);
    const missing = await h.control("PUT", "/notebooks/00000000-0000-4000-8000-000000000000/status", {
      status: "RUNNING",
    });
    expect(missing.status).toBe(404);
  });

  it("refuses transitions it cannot follow and faults without a message", async () => {
    expect((await h.control("PUT", "/transitions", { mode: "later" })).status).toBe(400);
    expect(
      (await h.control("PUT", "/transitions", { mode: "time", creatingAfterMs: -1, activeAfterMs: 5 }))
        .status,
    ).toBe(400);
    expect((await h.control("POST", "/faults", { failNextSaves: 1 })).status).toBe(400);
    const silent = await h.control("POST", "/faults", { failNextSaves: 1, statusMessage: "" });
    expect(silent.status).toBe(400);
    expect(silent.body.error_msg).toBe(
      "Invalid parameter: statusMessage: must NOT have fewer than 1 characters.",
    );
    expect((await h.control("POST", "/namespaces", { name: "Bad Name!" })).status).toBe(400);
    expect((await h.control("POST", "/notebooks", "{not json")).status).toBe(400);
  });

  it("reset forgets what was added and restores the ready-to-use state", async () => {
    const id = await h.newNotebook();
    await h.control("POST", "/namespaces", { name: "to-be-forgotten" });
    await h.control("PUT", `/notebooks/${DEV_NOTEBOOK_ID}/status`, { status: "STOPPED" });
    expect((await h.control("POST", "/reset")).status).toBe(200);
    expect((await h.control("POST", "/notebooks", { id })).status).toBe(201);
    const notebook = await h.api(
      "GET",
      pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID }),
    );
    expect(notebook.body.status).toBe("RUNNING");
  });
});

describe("the control document", () => {
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

  it("every operation answers as the document says (h.control checks each answer against it)", async () => {
    const served = new Set<string>();
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await h.control(method, path, body);
      const operation = controlDocument.operations.find(
        (op) =>
          op.method === method &&
          new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(`/_control${path.split("?")[0]}`),
      );
      if (operation && response.status < 300) served.add(operation.operationId);
      return response;
    };
    await control("GET", "/health");
    const id = (await control("POST", "/notebooks", { name: "contract" })).body.id as string;
    await control("PUT", `/notebooks/${id}/status`, { status: "RUNNING" });
    const listed = (await control("GET", "/notebooks")).body.notebooks as { id: string }[];
    expect(listed.map((notebook) => notebook.id)).toContain(id);
    await control("POST", "/namespaces", { name: "contract-ns" });
    await control("POST", "/temporary-credentials", {
      access: "HSTCONTRACTKEY000001",
      secret: "contract-secret-key",
      securitytoken: "contract-security-token",
      expires_at: "2030-01-01T00:00:00Z",
    });
    await control("PUT", "/transitions", { mode: "manual" });
    await control("POST", "/faults", { failNextSaves: 0, statusMessage: "" });
    const saved = await h.api(
      methodOf("createImage"),
      pathOf("createImage", { project_id: DEV_PROJECT_ID, id }),
      {
        body: { name: "contract", namespace: "contract-ns", tag: "v1" },
      },
    );
    const advance = `/images/${saved.body.id}/advance`;
    expect((await control("POST", advance)).body.status).toBe("CREATING");
    expect((await control("POST", advance)).body.status).toBe("ACTIVE");
    await control("GET", "/requests?limit=5");
    const state = await control("GET", "/state");
    await control("POST", "/state", state.body);
    await control("POST", "/reset");
    expect([...served].sort()).toEqual(controlDocument.operations.map((op) => op.operationId).sort());
  });

  it("a refusal is a ControlError body naming the field, with the status the document gives it", async () => {
    const response = await h.control("PUT", "/transitions", { mode: "time", creatingAfterMs: 1 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error_code: "Control.400",
      error_msg: expect.stringContaining("activeAfterMs"),
    });
  });
});

describe("the request log", () => {
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

  it("names each request answered (method, path, status, duration, request id), newest first, with no query string or credential", async () => {
    const show = pathOf("ShowImage", {
      project_id: DEV_PROJECT_ID,
      id: "00000000-0000-4000-8000-000000000000",
    });
    const missing = await h.direct(methodOf("ShowImage"), show, { query: { marker: "query-secret" } });
    await h.control("GET", "/health");
    const log = await h.control("GET", "/requests?limit=2");
    expect(log.status).toBe(200);
    expect(log.body.requests).toEqual([
      expect.objectContaining({ method: "GET", path: "/_control/health", status: 200 }),
      {
        id: missing.headers.get("x-request-id"),
        method: "GET",
        path: show,
        status: missing.status,
        durationMs: expect.any(Number),
        at: expect.any(Number),
      },
    ]);
    const everything = JSON.stringify((await h.control("GET", "/requests")).body);
    expect(everything).not.toContain("query-secret");
    expect(everything).not.toContain(DEV_CREDENTIALS.token);
    // The log's own calls are not in it.
    expect(everything).not.toContain('"/_control/requests"');
    expect(await createControlClient(h.server.url).requests(1)).toMatchObject({
      requests: [{ path: "/_control/health" }],
      capacity: expect.any(Number),
    });
  });
});

describe("createControlClient", () => {
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

  it("creates notebooks and sets transitions; a refusal is a ControlRequestError with the route and the server's message", async () => {
    const control = createControlClient(h.server.url);
    const notebook = await control.createNotebook({ name: "through-the-client" });
    expect(notebook).toMatchObject({ name: "through-the-client", status: "RUNNING" });
    // Every notebook, the seeded one first (oldest first), as ShowNotebook shows them.
    const listed = await control.notebooks();
    expect(listed.at(-1)).toEqual(notebook);
    expect(listed.map((n) => n.id)).toEqual([DEV_NOTEBOOK_ID, notebook.id]);
    const again = control.createNotebook({ id: notebook.id });
    await expect(again).rejects.toBeInstanceOf(ControlRequestError);
    await expect(again).rejects.toMatchObject({
      httpStatus: 409,
      message: `POST /_control/notebooks: HTTP 409: A notebook with id ${notebook.id} exists already.`,
    });
    expect(await control.setTransitions({ mode: "manual" })).toEqual({ mode: "manual" });
    expect(await control.health()).toMatchObject({ transitions: { mode: "manual" } });
  });

  it("sends the control token it is given", async () => {
    const base = `http://${externalAddress()}:${(await controlTokenServer()).port}`;
    await expect(createControlClient(base).health()).rejects.toMatchObject({ httpStatus: 401 });
    expect(await createControlClient(base, { token: "control-secret" }).health()).toMatchObject({
      status: "ok",
    });
  });
});
