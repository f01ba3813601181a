// Names the spec's patterns allow but no image reference can hold (OCI distribution reference
// grammar) are refused at once with 6336 naming the field, whatever the engine: before this, the
// docker engine ended them CREATE_FAILED ("invalid reference format") and the simulated one ACTIVE.
// The refusal is the domain's (image-service, beside the organization's 2885), the same whatever the
// engine, so this runs on the simulated one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ transitions: { mode: "immediate" } });
  // Allowed by the spec's pattern for namespace, so it can be an organization of this server.
  expect((await h.control("POST", "/namespaces", { name: "a..b" })).status).toBe(201);
});
afterAll(() => h?.close());

const save = (notebookId: string, body: unknown) =>
  h.api(methodOf("createImage"), pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebookId }), {
    body,
  });

describe("names that cannot be image references", () => {
  it.each([
    ["name", { name: "a..b" }],
    ["name", { name: "a___b" }],
    ["name", { name: "a.-b" }],
    ["name", { name: "a_-b" }],
    ["tag", { tag: "--x" }],
    ["tag", { tag: ".." }],
    ["tag", { tag: "-" }],
    ["tag", { tag: ".v1" }],
    ["namespace", { namespace: "a..b" }],
  ])("%s %o is 400 ModelArts.6336 naming it, and the notebook is not touched", async (field, fields) => {
    const notebook = await h.newNotebook();
    const response = await save(notebook, { name: "reference", namespace: DEV_NAMESPACE, ...fields });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6336");
    expect(response.body.error_msg).toContain(`${field}:`);
    expect(response.body.error_msg).toContain("OCI distribution reference");
    const shown = await h.api("GET", pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id: notebook }));
    expect(shown.body.status).toBe("RUNNING");
  });

  it.each([{ name: "a__b" }, { name: "a-----b" }, { name: "a.b_c-d" }, { tag: "_x" }, { tag: "V1.0-rc_2" }])(
    "the grammar's own separators are taken: %o",
    async (fields) => {
      const response = await save(await h.newNotebook(), {
        name: "taken",
        namespace: DEV_NAMESPACE,
        ...fields,
      });
      expect(response.status).toBe(200);
    },
  );
});
