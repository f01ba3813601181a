// explainErrorCode against the spec's x-error-codes (spec/error-codes.yaml), which it is generated
// from, and against the error examples of the spec's responses: every documented code gets the
// spec's hint, and no code the spec does not document gets one.
import { describe, expect, it } from "vitest";
import { type Json, spec } from "../test/spec.js";
import { type ErrorHintContext, explainErrorCode } from "./error-hints.js";

interface SpecHints {
  hint: string;
  operations?: Record<string, string>;
  credentialHints?: Record<string, string>;
}
const errorCodes: { codes: Record<string, SpecHints>; ranges: (SpecHints & { from: string; to: string })[] } =
  spec["x-error-codes"];

/** The `error_code` of every example in the spec's components. */
const exampleCodes = Object.values(spec.components.examples as Record<string, Json>)
  .map((example) => (example as { value?: { error_code?: string } }).value?.error_code)
  .filter((code): code is string => code !== undefined);

/** `ModelArts.0201` moved by `by` within its prefix (`ModelArts.0200` for -1). */
function shifted(code: string, by: number): string {
  const [prefix, digits] = code.split(".") as [string, string];
  return `${prefix}.${String(Number(digits) + by).padStart(4, "0")}`;
}

/** Each operation's and credential's own hint in the spec, with the context that asks for it. */
function ownHints({ operations = {}, credentialHints = {} }: SpecHints): [ErrorHintContext, string][] {
  return [
    ...Object.entries(operations).map(([operation, hint]): [ErrorHintContext, string] => [
      { operation: operation as ErrorHintContext["operation"] },
      hint,
    ]),
    ...Object.entries(credentialHints).map(([credential, hint]): [ErrorHintContext, string] => [
      { credential: credential as ErrorHintContext["credential"] },
      hint,
    ]),
  ];
}

describe("explainErrorCode", () => {
  it("gives the spec's hint of every code the spec lists, and each operation's and credential's own", () => {
    expect(Object.keys(errorCodes.codes).length).toBeGreaterThan(20);
    for (const [code, entry] of Object.entries(errorCodes.codes)) {
      expect(explainErrorCode(code), code).toBe(entry.hint);
      for (const [context, hint] of ownHints(entry))
        expect(explainErrorCode(code, context), `${code} ${JSON.stringify(context)}`).toBe(hint);
    }
  });

  it("gives a range's hints from its first code to its last, and not past either end", () => {
    expect(errorCodes.ranges.length).toBeGreaterThan(0);
    for (const range of errorCodes.ranges) {
      const inside = [range.from, shifted(range.from, 1), range.to].filter(
        (code) => !Object.hasOwn(errorCodes.codes, code),
      );
      expect(inside.length).toBeGreaterThan(0);
      for (const code of inside) {
        expect(explainErrorCode(code), code).toBe(range.hint);
        for (const [context, hint] of ownHints(range))
          expect(explainErrorCode(code, context), `${code} ${JSON.stringify(context)}`).toBe(hint);
      }
      for (const outside of [shifted(range.from, -1), shifted(range.to, 1)])
        expect(explainErrorCode(outside), outside).not.toBe(range.hint);
    }
  });

  it("has a hint for every code the spec gives as an example of an error response", () => {
    expect(exampleCodes.length).toBeGreaterThan(20);
    expect(exampleCodes.filter((code) => !explainErrorCode(code))).toEqual([]);
  });

  it("has no hint for a code the spec does not list", () => {
    for (const code of [
      "ModelArts.9999",
      "ModelArts.0200",
      "ModelArts.0213",
      "APIGW.0299",
      "APIGW.0400",
      "IAM.0001",
    ])
      expect(explainErrorCode(code), code).toBeUndefined();
  });

  it("fits the hint to the call: an image's calls do not speak of the instance", () => {
    expect(explainErrorCode("ModelArts.6404")).toMatch(/instance id/);
    expect(explainErrorCode("ModelArts.6404", { operation: "ShowImage" })).toMatch(/^no such image/);
    expect(explainErrorCode("ModelArts.6404", { operation: "ShowImage" })).not.toMatch(/instance/);
    const deleting = explainErrorCode("ModelArts.6357", { operation: "DeleteImage" });
    expect(deleting).toMatch(/^the image is still being saved/);
    expect(deleting).not.toMatch(/another operation/);
    // A code the call has no hint of its own for gets the table's.
    expect(explainErrorCode("ModelArts.6101", { operation: "ShowImage" })).toMatch(/busy/);
  });

  it("tells what to do about the instance's state", () => {
    expect(explainErrorCode("ModelArts.6327")).toMatch(/^start the instance first/);
    expect(explainErrorCode("ModelArts.6307")).toMatch(/start it first/);
    expect(explainErrorCode("ModelArts.6306")).toMatch(/wait until it is RUNNING/);
  });

  it("covers the 0201–0212 authentication range, where 0210 is a project mismatch", () => {
    expect(explainErrorCode("ModelArts.0201")).toMatch(/^authentication failed/);
    expect(explainErrorCode("ModelArts.0212")).toMatch(/^authentication failed/);
    expect(explainErrorCode("ModelArts.0210")).toMatch(/project id does not match/);
    expect(explainErrorCode("ModelArts.0200")).toBeUndefined();
    expect(explainErrorCode("ModelArts.0213")).toBeUndefined();
  });

  it("tells gateway throttling from gateway authentication failures", () => {
    expect(explainErrorCode("APIGW.0308")).toMatch(/throttling/);
    expect(explainErrorCode("APIGW.0308")).not.toMatch(/authentication/);
    expect(explainErrorCode("APIGW.0301")).toMatch(/gateway refused .* authentication failed/);
  });

  it("names only the credential that was sent when authentication failed", () => {
    for (const code of ["APIGW.0301", "ModelArts.0201"]) {
      const token = explainErrorCode(code, { credential: "token" });
      expect(token, code).toMatch(/check the token/);
      expect(token, code).not.toMatch(/access key|clock/);
      const accessKey = explainErrorCode(code, { credential: "access-key" });
      expect(accessKey, code).toMatch(/access key pair.*clock/);
      expect(accessKey, code).not.toMatch(/token/);
      // Not said which: both are named.
      expect(explainErrorCode(code), code).toMatch(/token.*access key pair and the clock/);
    }
    // A hint that is not about credentials does not change.
    expect(explainErrorCode("ModelArts.6327", { credential: "token" })).toBe(
      explainErrorCode("ModelArts.6327"),
    );
  });

  it("has nothing for unknown codes, no code, or names of Object.prototype", () => {
    for (const code of ["ModelArts.9999", "", "toString", "constructor", "__proto__", "hasOwnProperty"])
      expect(explainErrorCode(code), code).toBeUndefined();
    expect(explainErrorCode(undefined)).toBeUndefined();
  });

  it("speaks of the API's own names, not of one app's options", () => {
    // The CLI and the web page both show these: no command-line flag, no environment variable.
    const hints = [...Object.values(errorCodes.codes), ...errorCodes.ranges].flatMap((entry) => [
      entry.hint,
      ...ownHints(entry).map(([, hint]) => hint),
    ]);
    expect(hints.filter((hint) => /--|HUAWEICLOUD_/.test(hint))).toEqual([]);
  });
});
