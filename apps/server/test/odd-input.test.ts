// Input the API allows, or merely finds odd, never gives 500: a description holding what PostgreSQL's
// text cannot (U+0000, a lone surrogate) is kept exactly; such text where it is only looked up (a
// query parameter, the control API's fields) is 400 naming the field; and names that an object's
// prototype knows (constructor, __proto__, toString) are looked up as any other unknown name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_PROJECT_ID, type DirectHarness, pathOf, startDirectHarness } from "./support/harness.js";

let h: DirectHarness;
beforeAll(async () => {
  h = await startDirectHarness({ transitions: { mode: "manual" } });
});
afterAll(() => h?.close());

const listPath = pathOf("ListImage", { project_id: DEV_PROJECT_ID });
const createPath = (notebook: string) => pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook });

describe("text PostgreSQL cannot hold as it is", () => {
  it.each([
    ["U+0000", "save\u0000d", "nul"],
    ["a lone surrogate", "save \ud800 d \udfff", "surrogate"],
    ["backslashes and quotes", 'C:\\u0000 "x"', "escapes"],
  ])(
    "a description holding %s is kept exactly: create-image, ShowImage and ListImage answer what was sent",
    async (_, description, name) => {
      const response = await h.direct("POST", createPath(await h.newNotebook()), {
        body: { name, namespace: DEV_NAMESPACE, description },
      });
      expect(response.status).toBe(200);
      expect(response.body.description).toBe(description);
      const shown = await h.direct(
        "GET",
        pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: response.body.id }),
      );
      expect(shown.body.description).toBe(description);
      const listed = await h.direct("GET", listPath, {
        query: { type: "DEDICATED", name, name_fuzzy_match: "false" },
      });
      expect(listed.body.data.map((image: { description: string }) => image.description)).toEqual([
        description,
      ]);
    },
  );

  it("a list filter holding U+0000 is 400 ModelArts.6336 naming it", async () => {
    for (const field of ["name", "namespace"]) {
      const response = await h.direct("GET", listPath, { query: { [field]: "\u0000" } });
      expect(response.status, field).toBe(400);
      expect(response.body.error_code).toBe("ModelArts.6336");
      expect(response.body.error_msg).toContain(field);
    }
  });

  it("the control API refuses a notebook name or a fault message holding U+0000, naming it", async () => {
    const notebook = await h.control("POST", "/notebooks", { name: "nb\u0000" });
    expect(notebook.status).toBe(400);
    expect(notebook.body.error_msg).toContain("name");
    const faults = await h.control("POST", "/faults", { failNextSaves: 1, statusMessage: "boom\u0000" });
    expect(faults.status).toBe(400);
    expect(faults.body.error_msg).toContain("statusMessage");
  });
});

describe("names an object's prototype knows", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "updateTime,constructor"])(
    "sort_key=%s is 400 ModelArts.6336 naming sort_key",
    async (sortKey) => {
      const response = await h.direct("GET", listPath, { query: { type: "DEDICATED", sort_key: sortKey } });
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe("ModelArts.6336");
      expect(response.body.error_msg).toContain("sort_key");
    },
  );

  it("a query parameter named __proto__ or constructor is an unknown parameter, not a 500", async () => {
    for (const name of ["__proto__", "constructor"]) {
      const response = await h.direct("GET", `${listPath}?${name}=x&type=DEDICATED`);
      expect(response.status, name).toBeLessThan(500);
    }
  });
});
