// The non-breaking changes check.mjs names: what was added, and the servers that changed.
import { describe, expect, it } from "vitest";
import { specChanges } from "./changes.mjs";

/** @returns {any} a small document, typed loosely so that the tests can add to it */
const base = () => ({
  servers: [{ url: "https://svc.{region}.example.com", variables: { region: { enum: ["a-1", "b-1"] } } }],
  paths: {
    "/things": {
      get: { operationId: "ListThings", parameters: [{ $ref: "#/components/parameters/Limit" }] },
    },
  },
  components: {
    parameters: { Limit: { in: "query", name: "limit" } },
    schemas: { Thing: { type: "object", properties: { id: { type: "string" }, state: { type: "string" } } } },
  },
});

describe("specChanges", () => {
  it("is empty for the same document", () => {
    expect(specChanges(base(), base())).toEqual([]);
  });

  it("names added operations, parameters, schemas, properties, documented enums and server changes", () => {
    const after = base();
    after.paths["/things"].get.parameters.push({ in: "query", name: "colour" });
    after.paths["/things/{id}"] = { get: { operationId: "ShowThing" } };
    after.components.schemas.Thing.properties.size = { type: "integer" };
    after.components.schemas.Thing.properties.state = { type: "string", enum: ["ON", "OFF"] };
    after.components.schemas.Other = { type: "object" };
    after.servers = [
      { url: "https://svc.{region}.example.com", variables: { region: { enum: ["a-1"] } } },
      { url: "https://svc.b-1.example.cn", description: "B.\nCorrection: b-1 was listed\nunder .com." },
    ];
    expect(specChanges(base(), after)).toEqual([
      "enum documented: Thing.state (ON, OFF)",
      "operation added: GET /things/{id}",
      "parameter added: GET /things query colour",
      "property added: Thing.size",
      "schema added: Other",
      "server added: https://svc.b-1.example.cn (correction: b-1 was listed under .com.)",
      "server region moved or removed: b-1",
    ]);
  });
});
