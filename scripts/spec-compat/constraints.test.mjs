// The hand rules of the spec-compatibility check: each tightening of what a caller sends is found
// (and named), each loosening or unchanged constraint is not.
import { readFileSync } from "node:fs";
import { followRef } from "@notebook-image/spec/reader";
import { describe, expect, it } from "vitest";
import { tightenedRequestConstraints } from "./constraints.mjs";

/** @typedef {any} Json */

/** A one-operation document whose request body is `body` and whose query parameter `q` is `query`. */
const doc = (/** @type {Json} */ body, /** @type {Json} */ query = { type: "string" }) => ({
  openapi: "3.1.0",
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      post: {
        parameters: [{ $ref: "#/components/parameters/Q" }],
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Body" } } } },
      },
    },
  },
  components: { schemas: { Body: body }, parameters: { Q: { name: "q", in: "query", schema: query } } },
});

const object = (/** @type {Json} */ name) => ({ type: "object", properties: { name } });
const findings = (/** @type {Json} */ before, /** @type {Json} */ after) =>
  tightenedRequestConstraints(doc(object(before)), doc(object(after)));
const BODY = "POST /things/{id} request body (application/json).name";

describe("tightenedRequestConstraints", () => {
  it.each([
    ["maxLength lowered", { maxLength: 64 }, { maxLength: 32 }, `${BODY}: maxLength lowered from 64 to 32`],
    ["maxLength added", {}, { maxLength: 32 }, `${BODY}: maxLength 32 added`],
    ["minimum raised", { minimum: 1 }, { minimum: 2 }, `${BODY}: minimum raised from 1 to 2`],
    ["minLength added", {}, { minLength: 1 }, `${BODY}: minLength 1 added`],
    ["pattern changed", { pattern: "^a" }, { pattern: "^b" }, `${BODY}: pattern changed from "^a" to "^b"`],
    ["format added", {}, { format: "uuid" }, `${BODY}: format "uuid" added`],
    ["enum value removed", { enum: ["a", "b"] }, { enum: ["a"] }, `${BODY}: enum values ["b"] removed`],
    ["enum added", {}, { enum: ["a"] }, `${BODY}: enum ["a"] added`],
    ["uniqueItems added", {}, { uniqueItems: true }, `${BODY}: uniqueItems added`],
  ])("finds a tightening: %s", (_, before, after, finding) => {
    expect(findings(before, after)).toEqual([finding]);
  });

  it.each([
    ["maxLength raised", { maxLength: 32 }, { maxLength: 64 }],
    ["maxLength removed", { maxLength: 32 }, {}],
    ["minimum lowered", { minimum: 2 }, { minimum: 1 }],
    ["pattern unchanged", { pattern: "^a" }, { pattern: "^a" }],
    ["pattern removed", { pattern: "^a" }, {}],
    ["enum value added", { enum: ["a"] }, { enum: ["a", "b"] }],
    ["enum removed", { enum: ["a"] }, {}],
  ])("lets a loosening or no change through: %s", (_, before, after) => {
    expect(findings(before, after)).toEqual([]);
  });

  it("finds additionalProperties: false added on the body", () => {
    const before = doc({ type: "object" });
    const after = doc({ type: "object", additionalProperties: false });
    expect(tightenedRequestConstraints(before, after)).toEqual([
      "POST /things/{id} request body (application/json): additionalProperties false added (unknown fields now refused)",
    ]);
  });

  it("looks into array items and allOf branches, and into $ref'd parameters", () => {
    const before = doc(
      {
        type: "object",
        properties: { tags: { type: "array", items: { maxLength: 9 } } },
        allOf: [{ maxProperties: 5 }],
      },
      { type: "integer", maximum: 100 },
    );
    const after = doc(
      {
        type: "object",
        properties: { tags: { type: "array", items: { maxLength: 8 } } },
        allOf: [{ maxProperties: 4 }],
      },
      { type: "integer", maximum: 50 },
    );
    expect(tightenedRequestConstraints(before, after).sort()).toEqual(
      [
        "POST /things/{id} query parameter q: maximum lowered from 100 to 50",
        "POST /things/{id} request body (application/json).tags[]: maxLength lowered from 9 to 8",
        "POST /things/{id} request body (application/json)(allOf[0]): maxProperties lowered from 5 to 4",
      ].sort(),
    );
  });

  it("ignores operations that are gone (Optic reports those) and properties that are new", () => {
    const before = doc(object({ maxLength: 9 }));
    const after = doc({ type: "object", properties: { other: { maxLength: 1 } } });
    expect(tightenedRequestConstraints(before, after)).toEqual([]);
    expect(tightenedRequestConstraints(before, { openapi: "3.1.0", paths: {} })).toEqual([]);
  });

  it("fails with the cycle named on a $ref loop instead of recursing for ever", () => {
    const looped = doc({ $ref: "#/components/schemas/Body" });
    expect(() => tightenedRequestConstraints(looped, looped)).toThrow(
      /cyclic \$ref: #\/components\/schemas\/Body/,
    );
  });

  describe("on the released spec", () => {
    const released = JSON.parse(
      readFileSync(new URL("../../spec/releases/1.0.0.json", import.meta.url), "utf8"),
    );

    it("finds nothing between the spec and itself", () => {
      expect(tightenedRequestConstraints(released, structuredClone(released))).toEqual([]);
    });

    it("finds every bounded string property of create-image's body when its maxLength is lowered by one", () => {
      const after = structuredClone(released);
      const operation = after.paths["/v1/{project_id}/notebooks/{id}/create-image"].post;
      const schema = followRef(after, operation.requestBody.content["application/json"].schema);
      /** @type {[string, Json][]} */
      const bounded = Object.entries(schema.properties).filter(([, p]) => typeof p.maxLength === "number");
      expect(bounded.length).toBeGreaterThan(0);
      for (const [, property] of bounded) property.maxLength -= 1;
      const found = tightenedRequestConstraints(released, after);
      expect(found).toHaveLength(bounded.length);
      for (const [name] of bounded)
        expect(found.some((f) => f.includes(`.${name}: maxLength lowered`))).toBe(true);
    });
  });
});
