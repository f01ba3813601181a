// explainErrorCode against the API reference's errors table (spec info description) and the
// spec's error examples: every documented code gets a hint, and no hint is for an undocumented code.
import { describe, expect, it } from "vitest";
import { spec } from "../test/spec.js";
import { ERROR_HINTS, explainErrorCode } from "./error-hints.js";

/** Every code in the errors table of the spec's description, ranges (`A` – `B`) expanded. */
function codesOfErrorsTable(): string[] {
  const rows = (spec.info.description as string)
    .split("\n")
    .filter((line) => /^\| \d{3} +\|/.test(line))
    .map((line) => line.split("|")[2] ?? "");
  expect(rows.length).toBeGreaterThan(10);
  return rows.flatMap((cell) => {
    const range = /`ModelArts\.(\d{4})` – `ModelArts\.(\d{4})`/.exec(cell);
    const expanded = range
      ? Array.from(
          { length: Number(range[2]) - Number(range[1]) + 1 },
          (_, i) => `ModelArts.${String(Number(range[1]) + i).padStart(4, "0")}`,
        )
      : [];
    return [...expanded, ...[...cell.matchAll(/`((?:ModelArts|APIGW)\.\d{4})`/g)].map((m) => m[1] as string)];
  });
}

/** The `error_code` of every example in the spec's components. */
const exampleCodes = Object.values(spec.components.examples)
  .map((example) => (example as { value?: { error_code?: string } }).value?.error_code)
  .filter((code): code is string => code !== undefined);

describe("explainErrorCode", () => {
  const documented = new Set([...codesOfErrorsTable(), ...exampleCodes]);

  it("has a hint for every code the spec documents or gives as an example", () => {
    expect(documented.size).toBeGreaterThan(20);
    expect([...documented].filter((code) => !explainErrorCode(code))).toEqual([]);
  });

  it("has no hint for a code the spec does not document", () => {
    expect(Object.keys(ERROR_HINTS).filter((code) => !documented.has(code))).toEqual([]);
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
    expect(Object.values(ERROR_HINTS).filter((hint) => /--|HUAWEICLOUD_/.test(hint))).toEqual([]);
  });
});
