// CreateNotebook, UpdateNotebook and RenewLease bodies that break the spec, down their objects and
// lists, against the real Prism mock (global-setup.ts) behind a proxy that records what reaches it:
// the client refuses each with a RequestValidationError naming the field's path and the rule, and
// nothing is sent; the spec's own example of each body does reach Prism and is answered. Each bad
// body is also sent unchecked (through `core.api`), to show that Prism refuses it as well: the
// client's verdict is the contract's, not a rule of its own.
import { forwardTo, type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createNotebook,
  createNotebookImageCore,
  type NotebookImageCore,
  RequestValidationError,
  renewNotebookLease,
  updateNotebook,
} from "../src/index.js";
import { deref, type Json, operationById } from "./spec.js";

const mockUrl = inject("mockUrl");

/** The operation's method, path and its first request example. */
function described(operationId: string) {
  const { method, path, operation, parameters } = operationById(operationId);
  const examples = operation.requestBody.content["application/json"].examples;
  const example: Json = deref(Object.values(examples)[0]).value;
  const exampleOf = (name: string) => parameters.map(deref).find((p: Json) => p.name === name)?.example;
  return { method: method.toUpperCase() as "POST" | "PUT" | "PATCH", path, example, exampleOf };
}
const create = described("CreateNotebook");
const update = described("UpdateNotebook");
const renew = described("RenewLease");
const projectId: string = create.exampleOf("project_id");
const notebookId: string = update.exampleOf("id");

let proxy: RecordingServer;
let core: NotebookImageCore;
beforeAll(async () => {
  proxy = await startRecordingServer({ reply: forwardTo(mockUrl) });
  core = createNotebookImageCore({ projectId, baseUrl: proxy.url, auth: { token: "contract-token" } });
});
afterAll(() => proxy?.close());
beforeEach(() => {
  proxy.requests.length = 0;
});
/** The method and path of each request that reached the proxy, in order. */
const sent = () => proxy.requests.map(({ method, url }) => `${method} ${url}`);

type BadBody = [what: string, body: Json, issues: string[]];

/** The `path/rule` of each issue of the RequestValidationError the call rejects with. */
async function refusal(call: PromiseLike<unknown>): Promise<string[]> {
  const error = await Promise.resolve(call).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).issues.map((i) => `${i.path}/${i.rule}`);
}

/** Sends a body as it is through openapi-fetch (no client-side check): Prism's status. */
async function uncheckedStatus(method: "POST" | "PUT" | "PATCH", path: string, body: Json) {
  const params = { path: { project_id: projectId, id: notebookId } };
  // biome-ignore lint/suspicious/noExplicitAny: a body that breaks the spec's types on purpose.
  const { response } = await (core.api[method] as any)(path, { params, body });
  return response.status as number;
}

describe("createNotebook checks its body before sending", () => {
  const bad: BadBody[] = [
    ["a lease too short", { ...create.example, lease: { duration: 60 } }, ["lease.duration/minimum"]],
    [
      "a volume past its capacity",
      { ...create.example, volume: { ...create.example.volume, capacity: 5000 } },
      ["volume.capacity/maximum"],
    ],
    [
      "an endpoint's service not in the enum",
      { ...create.example, endpoints: [{ service: "HTTP" }] },
      ["endpoints[0].service/enum"],
    ],
    [
      "a data volume without its ownership",
      { ...create.example, data_volumes: [{ category: "EVS" }] },
      ["data_volumes[0].ownership/required"],
    ],
  ];

  it.each(bad)("%s: RequestValidationError naming the path, nothing sent", async (_what, body, issues) => {
    expect(await refusal(createNotebook(core, body))).toEqual(issues);
    expect(sent()).toEqual([]);
  });

  it.each(bad)("%s: refused by Prism too when sent unchecked", async (_what, body) => {
    const status = await uncheckedStatus(create.method, create.path, body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("sends the spec's example, which Prism answers with an instance", async () => {
    const notebook = await createNotebook(core, create.example);
    expect(notebook.id).toEqual(expect.any(String));
    expect(sent()).toEqual([`POST /v1/${projectId}/notebooks`]);
  });
});

describe("updateNotebook checks its body before sending", () => {
  const bad: BadBody[] = [
    ["a disk of no size", { storage_new_size: 0 }, ["storage_new_size/minimum"]],
    [
      "a data volume past its capacity",
      { data_volumes: [{ category: "EVS", ownership: "MANAGED", capacity: 4097 }] },
      ["data_volumes[0].capacity/maximum"],
    ],
    [
      "a hook of an unknown type",
      { hooks: { container_hooks: { post_start: { script: "echo", type: "BASH" } } } },
      ["hooks.container_hooks.post_start.type/enum"],
    ],
  ];

  it.each(bad)("%s: RequestValidationError naming the path, nothing sent", async (_what, body, issues) => {
    expect(await refusal(updateNotebook(core, notebookId, body))).toEqual(issues);
    expect(sent()).toEqual([]);
  });

  it.each(bad)("%s: refused by Prism too when sent unchecked", async (_what, body) => {
    const status = await uncheckedStatus(update.method, update.path, body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("sends the spec's example, which Prism answers with the instance", async () => {
    const notebook = await updateNotebook(core, notebookId, update.example);
    expect(notebook.id).toEqual(expect.any(String));
    expect(sent()).toEqual([`PUT /v1/${projectId}/notebooks/${notebookId}`]);
  });
});

describe("renewNotebookLease checks its body before sending", () => {
  const bad: BadBody[] = [
    ["a lease too long", { duration: 259_200_001 }, ["lease.duration/maximum"]],
    ["a lease of an unknown type", { type: "FOREVER" }, ["lease.type/enum"]],
  ];

  it.each(bad)("%s: RequestValidationError naming the path, nothing sent", async (_what, body, issues) => {
    expect(await refusal(renewNotebookLease(core, notebookId, body))).toEqual(issues);
    expect(sent()).toEqual([]);
  });

  it.each(bad)("%s: refused by Prism too when sent unchecked", async (_what, body) => {
    const status = await uncheckedStatus(renew.method, renew.path, body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("sends the spec's example, which Prism answers with the lease", async () => {
    const lease = await renewNotebookLease(core, notebookId, renew.example);
    expect(lease.duration).toEqual(expect.any(Number));
    expect(sent()).toEqual([`PATCH /v1/${projectId}/notebooks/${notebookId}/lease`]);
  });
});
