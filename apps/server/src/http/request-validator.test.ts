// RequestInvalid, the answer to a request whose fields break the spec's rules: its code, status and
// message are the spec's x-error-codes (missingParameter, invalidParameter), one clause per field,
// and a field missing decides the code (6335) over a value that breaks a rule (6336).
import { loadBundledSpec } from "@notebook-image/spec/testing";
import { describe, expect, it } from "vitest";
import { missingField, RequestInvalid, textIssues } from "./request-validator.js";

interface SpecCode {
  statuses: number[];
  messages?: Record<string, string>;
}
const codes: Record<string, SpecCode> = loadBundledSpec()["x-error-codes"].codes;

/** The code of the spec whose messages include `name`, its first status, and the message filled in. */
function specMessage(name: string, values: Record<string, string>) {
  const [code, entry] = Object.entries(codes).find(([, e]) => e.messages?.[name] !== undefined) ?? [];
  if (!code || !entry) throw new Error(`the spec has no message ${name}`);
  const message = entry.messages?.[name]?.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
  return { code, httpStatus: entry.statuses[0], message: String(message) };
}

const NUL_RULE = "must not contain the character U+0000 (NUL)";

describe("RequestInvalid", () => {
  it("answers a value that breaks a rule with the spec's invalidParameter", () => {
    const error = new RequestInvalid(textIssues({ name: "a\u0000b" }));
    expect({ code: error.code, httpStatus: error.httpStatus, message: error.message }).toEqual(
      specMessage("invalidParameter", { field: "name", rule: NUL_RULE }),
    );
  });

  it("joins every field's clause, and a field missing decides the code even after a broken rule", () => {
    const invalid = specMessage("invalidParameter", { field: "name", rule: NUL_RULE });
    const missing = specMessage("missingParameter", { field: "namespace" });
    const error = new RequestInvalid([...textIssues({ name: "\u0000" }), missingField("namespace")]);
    expect(error.code).toBe(missing.code);
    expect(error.code).not.toBe(invalid.code);
    expect(error.httpStatus).toBe(missing.httpStatus);
    expect(error.message).toBe(`${invalid.message.replace(/\.$/, "")}; ${missing.message}`);
  });
});
