// create-image through Prism's validating proxy: what it answers at once (the image in INIT, echoing
// the request) and every synchronous refusal ModelArts gives, each by the notebook's state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, spec, startHarness } from "./support/harness.js";

const requestSchema = spec.schema("CreateImageRequest") as {
  properties: Record<string, { maxLength?: number; default?: unknown }>;
  required: string[];
};

let h: Harness;
beforeAll(async () => {
  // Manual transitions: the saves these tests start stay where they are until advanced.
  h = await startHarness({ transitions: { mode: "manual" }, registryHost: "swr.test.local" });
});
afterAll(() => h?.close());

const save = (notebookId: string, body: unknown, projectId = DEV_PROJECT_ID) =>
  h.api(methodOf("createImage"), pathOf("createImage", { project_id: projectId, id: notebookId }), { body });

let counter = 0;
const unique = () => `image-${++counter}`;

describe("create-image accepted", () => {
  it("answers 200 with the image in INIT, echoing what was asked, and a swr_path from registry host, namespace, name and tag", async () => {
    const notebook = await h.newNotebook();
    const request = {
      name: unique(),
      namespace: DEV_NAMESPACE,
      tag: "v1.2",
      description: "saved by a test",
      workspace_id: "0",
    };
    const before = Date.now();
    const response = await save(notebook, request);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ...request, status: "INIT" });
    expect(response.body.swr_path).toBe(`swr.test.local/${DEV_NAMESPACE}/${request.name}:${request.tag}`);
    expect(response.body.create_at).toBeGreaterThanOrEqual(before);
    expect(response.body.update_at).toBe(response.body.create_at);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("applies the spec's default workspace_id and tags an untagged image latest", async () => {
    const notebook = await h.newNotebook();
    const response = await save(notebook, { name: unique(), namespace: DEV_NAMESPACE });
    expect(response.status).toBe(200);
    expect(response.body.workspace_id).toBe(requestSchema.properties.workspace_id?.default);
    expect(response.body.tag).toBe("latest");
  });
});

describe("create-image refusals", () => {
  it("6309 for a notebook that does not exist", async () => {
    const response = await save("00000000-0000-4000-8000-000000000000", {
      name: unique(),
      namespace: DEV_NAMESPACE,
    });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6309");
    expect(response.body.error_msg).toContain("00000000-0000-4000-8000-000000000000");
  });

  it.each([
    ["STOPPED", "ModelArts.6307"],
    ["STARTING", "ModelArts.6306"],
    ["STOPPING", "ModelArts.6308"],
    ["FROZEN", "ModelArts.6326"],
    ["CREATE_FAILED", "ModelArts.6327"],
    ["ERROR", "ModelArts.6327"],
  ])("a notebook %s is refused with %s", async (status, code) => {
    const notebook = await h.newNotebook(status);
    const response = await save(notebook, { name: unique(), namespace: DEV_NAMESPACE });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe(code);
  });

  it("a notebook whose status changed to STOPPED is refused, and accepted again once RUNNING", async () => {
    const notebook = await h.newNotebook();
    expect((await h.control("PUT", `/notebooks/${notebook}/status`, { status: "STOPPED" })).status).toBe(200);
    expect((await save(notebook, { name: unique(), namespace: DEV_NAMESPACE })).body.error_code).toBe(
      "ModelArts.6307",
    );
    await h.control("PUT", `/notebooks/${notebook}/status`, { status: "RUNNING" });
    expect((await save(notebook, { name: unique(), namespace: DEV_NAMESPACE })).status).toBe(200);
  });

  it("2880 while a save of the notebook is queued, 6357 once it is running (SNAPSHOTTING)", async () => {
    const notebook = await h.newNotebook();
    const first = await save(notebook, { name: unique(), namespace: DEV_NAMESPACE });
    expect(first.status).toBe(200);
    const queued = await save(notebook, { name: unique(), namespace: DEV_NAMESPACE });
    expect(queued.status).toBe(400);
    expect(queued.body.error_code).toBe("ModelArts.2880");
    const advanced = await h.control("POST", `/images/${first.body.id}/advance`);
    expect(advanced.body.status).toBe("CREATING");
    const running = await save(notebook, { name: unique(), namespace: DEV_NAMESPACE });
    expect(running.body.error_code).toBe("ModelArts.6357");
  });

  it("2884 when the name and tag exist in that namespace, even from another notebook", async () => {
    const name = unique();
    expect((await save(await h.newNotebook(), { name, namespace: DEV_NAMESPACE, tag: "t" })).status).toBe(
      200,
    );
    const again = await save(await h.newNotebook(), { name, namespace: DEV_NAMESPACE, tag: "t" });
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe("ModelArts.2884");
    // Another tag of the same name is another image.
    expect((await save(await h.newNotebook(), { name, namespace: DEV_NAMESPACE, tag: "u" })).status).toBe(
      200,
    );
  });

  it("2885 for an organization that does not exist, accepted once the control API adds it", async () => {
    const notebook = await h.newNotebook();
    const refused = await save(notebook, { name: unique(), namespace: "no-such-org" });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe("ModelArts.2885");
    expect(refused.body.error_msg).toContain("no-such-org");
    expect((await h.control("POST", "/namespaces", { name: "no-such-org" })).status).toBe(201);
    expect((await save(notebook, { name: unique(), namespace: "no-such-org" })).status).toBe(200);
  });

  it("6335 names each missing required field", async () => {
    const response = await save(await h.newNotebook(), {});
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6335");
    for (const field of requestSchema.required) expect(response.body.error_msg).toContain(field);
  });

  it("6336 names the field and the rule it breaks", async () => {
    const maxLength = requestSchema.properties.name?.maxLength as number;
    const tooLong = await save(await h.newNotebook(), {
      name: "a".repeat(maxLength + 1),
      namespace: DEV_NAMESPACE,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error_code).toBe("ModelArts.6336");
    expect(tooLong.body.error_msg).toContain("name");
    expect(tooLong.body.error_msg).toContain(String(maxLength));

    const pattern = await save(await h.newNotebook(), { name: "Not_Lowercase", namespace: DEV_NAMESPACE });
    expect(pattern.body.error_code).toBe("ModelArts.6336");
    expect(pattern.body.error_msg).toMatch(/name: must match pattern/);

    const unknown = await save(await h.newNotebook(), {
      name: unique(),
      namespace: DEV_NAMESPACE,
      worksapce_id: "0",
    });
    expect(unknown.body.error_code).toBe("ModelArts.6336");
    expect(unknown.body.error_msg).toContain("worksapce_id");

    const wrongType = await save(await h.newNotebook(), { name: 42, namespace: DEV_NAMESPACE });
    expect(wrongType.body.error_code).toBe("ModelArts.6336");
    expect(wrongType.body.error_msg).toMatch(/name: must be string/);
  });

  it("6336 for an instance id that is not a UUID", async () => {
    const response = await save("not-a-uuid", { name: unique(), namespace: DEV_NAMESPACE });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6336");
    expect(response.body.error_msg).toContain("id");
  });

  it("a refused save leaves no image behind: the same name is free afterwards", async () => {
    const name = unique();
    const stopped = await h.newNotebook("STOPPED");
    expect((await save(stopped, { name, namespace: DEV_NAMESPACE })).status).toBe(400);
    expect((await save(await h.newNotebook(), { name, namespace: DEV_NAMESPACE })).status).toBe(200);
  });

  it("ten saves of one notebook at the same time: exactly one is accepted, the others get 2880", async () => {
    const notebook = await h.newNotebook();
    // Straight to the server, all at once: through the proxy they would arrive one after another.
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.direct(
          methodOf("createImage"),
          pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }),
          {
            body: { name: unique(), namespace: DEV_NAMESPACE },
          },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of results.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(400);
      expect(refused.body.error_code).toBe("ModelArts.2880");
    }
  });
});
