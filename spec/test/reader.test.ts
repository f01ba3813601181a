// The spec's reader (`@notebook-image/spec/reader`), which the server runs on and every package's
// tests read the spec with: operations described from a document, refs followed, the bundled
// documents read once and frozen, and the one Ajv set-up.
import { describe, expect, it } from "vitest";
import {
  createAjv,
  dereference,
  describeDocument,
  fillPath,
  followRef,
  readBundledDocument,
  specDocument,
} from "../reader/index.js";

// A document small enough to read at a glance, with what the bundles hold: a path item's parameter
// and an operation's parameter of the same name, refs to parameters, bodies and responses.
const document = {
  openapi: "3.1.0",
  paths: {
    "/things/{id}": {
      parameters: [
        { $ref: "#/components/parameters/Id" },
        { name: "verbose", in: "query", schema: { type: "boolean" } },
      ],
      put: {
        operationId: "PutThing",
        parameters: [{ name: "verbose", in: "query", required: true, schema: { type: "string" } }],
        requestBody: { $ref: "#/components/requestBodies/Thing" },
        responses: {
          "200": { $ref: "#/components/responses/Thing" },
          "204": { description: "no body" },
        },
      },
    },
  },
  components: {
    parameters: {
      Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } },
    },
    requestBodies: {
      Thing: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
      },
    },
    responses: {
      Thing: {
        description: "the thing",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
      },
    },
    schemas: {
      Id: { type: "string", pattern: "^[a-z]+$", "x-pattern-hint": "lower-case letters" },
      Thing: {
        type: "object",
        properties: { id: { $ref: "#/components/schemas/Id", description: "its own words" } },
      },
    },
  },
};

describe("describeDocument", () => {
  const described = describeDocument(structuredClone(document));
  const operation = described.operation("PutThing");

  it("gives an operation its method, path, and the path item's parameters with its own, its own winning", () => {
    expect(operation).toMatchObject({ operationId: "PutThing", method: "PUT", path: "/things/{id}" });
    expect(operation.parameters).toStrictEqual([
      { name: "id", in: "path", required: true, schema: document.components.schemas.Id },
      { name: "verbose", in: "query", required: true, schema: { type: "string" } },
    ]);
  });

  it("follows the refs of bodies and responses down to whole schemas, a ref's sibling keywords kept", () => {
    const thing = {
      type: "object",
      properties: { id: { ...document.components.schemas.Id, description: "its own words" } },
    };
    expect(operation.body).toStrictEqual({ required: true, schema: thing });
    expect(operation.responses).toStrictEqual({ "200": { schema: thing }, "204": { schema: undefined } });
    expect(described.schema("Thing")).toStrictEqual(thing);
    expect(described.parameterSchema("Id")).toStrictEqual(document.components.schemas.Id);
  });

  it("says which operation or schema the document lacks", () => {
    expect(() => described.operation("GetThing")).toThrow("the spec has no operation GetThing");
    expect(() => described.schema("Other")).toThrow("the spec has no components.schemas.Other");
  });

  it("leaves the document it was given as it is, and can be changed", () => {
    const raw = structuredClone(document);
    describeDocument(raw).schema("Thing");
    raw.components.schemas.Id.pattern = "^[0-9]+$";
    expect(describeDocument(raw).parameterSchema("Id")).toMatchObject({ pattern: "^[0-9]+$" });
  });
});

describe("dereference", () => {
  it("names the chain of a cyclic ref", () => {
    const cyclic = { components: { schemas: { A: { items: { $ref: "#/components/schemas/A" } } } } };
    expect(() => dereference(cyclic, { $ref: "#/components/schemas/A" })).toThrow(
      "the spec has a cyclic $ref: #/components/schemas/A → #/components/schemas/A",
    );
  });

  it("names a ref that points at nothing", () => {
    expect(() => dereference(document, { $ref: "#/components/schemas/Nothing" })).toThrow(
      "the spec's $ref #/components/schemas/Nothing points at nothing",
    );
  });
});

describe("specDocument", () => {
  it("reads a bundled document once per process, and hands out the same schema object each time", () => {
    expect(specDocument("control-openapi")).toBe(specDocument("control-openapi"));
    const spec = specDocument("openapi");
    expect(spec.schema("Image")).toBe(spec.schema("Image"));
    expect(spec.raw).toStrictEqual(readBundledDocument("openapi"));
  });

  it("is frozen, so that no caller can change what the others read", () => {
    const spec = specDocument("openapi");
    expect(() => {
      spec.raw.info.title = "changed";
    }).toThrow(TypeError);
    expect(() => {
      (spec.operation("ShowImage").parameters as unknown[]).pop();
    }).toThrow(TypeError);
    expect(() => {
      (spec.schema("Image") as Record<string, unknown>).type = "string";
    }).toThrow(TypeError);
  });
});

describe("createAjv", () => {
  it("refuses a keyword it does not know (strict), and knows the documents' x- keywords", () => {
    const ajv = createAjv([document]);
    expect(() => ajv.compile({ type: "string", minLenght: 1 })).toThrow(/unknown keyword: "minLenght"/);
    const id = ajv.compile(dereference(document, document.components.schemas.Id));
    expect([id("abc"), id("ABC")]).toStrictEqual([true, false]);
  });

  it("checks formats, and takes Ajv's options", () => {
    const ajv = createAjv([], { coerceTypes: true });
    const when = ajv.compile({
      type: "object",
      properties: { at: { type: "string", format: "date-time" }, n: { type: "integer" } },
    });
    expect(when({ at: "2026-12-07T15:00:00Z", n: "3" })).toBe(true);
    expect(when({ at: "yesterday" })).toBe(false);
  });
});

describe("fillPath", () => {
  it("fills the path's parameters, URI-encoded, and names one missing", () => {
    const operation = { operationId: "PutThing", path: "/things/{id}/parts/{part}" };
    expect(fillPath(operation, { id: "a/b", part: "c d" })).toBe("/things/a%2Fb/parts/c%20d");
    expect(() => fillPath(operation, { id: "a" })).toThrow("PutThing's path needs part");
  });
});

describe("followRef", () => {
  const refs = { a: { $ref: "#/b" }, b: { $ref: "#/c" }, c: { type: "string" }, loop: { $ref: "#/loop" } };

  it("follows a ref to a ref to what it points at, and returns other values as they are", () => {
    expect(followRef(refs, { $ref: "#/a" })).toEqual({ type: "string" });
    expect(followRef(refs, { type: "integer" })).toEqual({ type: "integer" });
    expect(followRef(refs, undefined)).toBeUndefined();
  });

  it("names a ref that leads back to itself instead of following it for ever", () => {
    expect(() => followRef(refs, { $ref: "#/loop" })).toThrow("the spec has a cyclic $ref: #/loop → #/loop");
  });
});
