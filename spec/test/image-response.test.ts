// The 200 response schema accepts what the server really sends (lower-case arch, fields it adds
// over time) and still rejects what would break a client.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSpecAjv, loadBundledSpec } from "../testing/index.js";

const spec = loadBundledSpec();
const { validator } = createSpecAjv(spec);
const validateImage = validator("#/components/schemas/Image");
const validateError = validator("#/components/schemas/ModelArtsError");
const image = JSON.parse(
  readFileSync(new URL("./fixtures/reference-example-response.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("Image (the 200 body)", () => {
  it.each(["x86_64", "aarch64", "X86_64", "AARCH64"])("accepts arch %s", (arch) => {
    expect(validateImage({ ...image, arch }), JSON.stringify(validateImage.errors)).toBe(true);
  });

  it.each(["arm64", "amd64", "X86-64", ""])("rejects arch %j", (arch) => {
    expect(validateImage({ ...image, arch })).toBe(false);
  });

  it("accepts fields the spec does not list (the server adds fields over time)", () => {
    const withExtras = { ...image, new_field: "x", nested: { a: 1 }, tags: [{ key: "k", value: "v" }] };
    expect(validateImage(withExtras), JSON.stringify(validateImage.errors)).toBe(true);
  });

  it.each(["INIT", "CREATING", "ACTIVE", "CREATE_FAILED", "ERROR", "DELETED"])(
    "accepts status %s",
    (status) => {
      expect(validateImage({ ...image, status })).toBe(true);
    },
  );

  it("rejects an unknown status", () => {
    expect(validateImage({ ...image, status: "RUNNING" })).toBe(false);
  });

  it.each(["id", "name", "namespace", "status"])("requires %s", (field) => {
    const { [field]: _omitted, ...rest } = image;
    expect(validateImage(rest)).toBe(false);
    expect(validateImage.errors).toContainEqual(
      expect.objectContaining({ params: { missingProperty: field } }),
    );
  });

  it("takes create_at, update_at and size as integer milliseconds / KB, not strings", () => {
    expect(validateImage({ ...image, size: 1_048_576, create_at: 1_671_786_468_811 })).toBe(true);
    expect(validateImage({ ...image, create_at: "1671786468811" })).toBe(false);
    expect(validateImage({ ...image, size: 1.5 })).toBe(false);
  });

  it("requires id to be a UUID", () => {
    expect(validateImage({ ...image, id: "not-a-uuid" })).toBe(false);
  });
});

describe("ModelArtsError (every error body)", () => {
  it("accepts a ModelArts error and a gateway error with its request_id", () => {
    expect(validateError({ error_code: "ModelArts.6327", error_msg: "The instance is not running." })).toBe(
      true,
    );
    expect(
      validateError({
        error_code: "APIGW.0301",
        error_msg: "Incorrect IAM authentication information",
        request_id: "r",
      }),
    ).toBe(true);
  });

  it.each(["error_code", "error_msg"])("requires %s", (field) => {
    const body: Record<string, string> = { error_code: "ModelArts.0010", error_msg: "Internal error." };
    delete body[field];
    expect(validateError(body)).toBe(false);
  });
});
