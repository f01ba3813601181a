// The reference page's own example request and response (fixtures/, copied from the page) are valid
// under the bundled spec, and the spec carries them verbatim as named examples.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSpecAjv, deref, loadBundledSpec } from "../testing/index.js";

const spec = loadBundledSpec();
const { validator } = createSpecAjv(spec);
const operation = spec.paths["/v1/{project_id}/notebooks/{id}/create-image"].post;
const requestMedia = deref(spec, operation.requestBody).content["application/json"];
const okMedia = deref(spec, operation.responses["200"]).content["application/json"];

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
const pageRequest = fixture("reference-example-request.json");
const pageResponse = fixture("reference-example-response.json");

describe("the reference page's example request", () => {
  it("validates against the request body schema", () => {
    const validate = validator(requestMedia.schema.$ref);
    expect(validate(pageRequest), JSON.stringify(validate.errors)).toBe(true);
  });

  it("is the spec's SavePytorchImage example, verbatim", () => {
    expect(deref(spec, requestMedia.examples.SavePytorchImage).value).toStrictEqual(pageRequest);
  });
});

describe("the reference page's example response", () => {
  it("validates against the 200 response schema, lower-case arch included", () => {
    const validate = validator(okMedia.schema.$ref);
    expect(validate(pageResponse), JSON.stringify(validate.errors)).toBe(true);
    expect(pageResponse).toHaveProperty("arch", "x86_64");
  });

  it("is the spec's SavedImage example, verbatim", () => {
    expect(deref(spec, okMedia.examples.SavedImage).value).toStrictEqual(pageResponse);
  });
});
