import { describe, expect, it } from "vitest";
import { InvalidJsonBody, parseJsonBody } from "./json-body.js";

describe("parseJsonBody", () => {
  it("reads the raw bytes as JSON, in UTF-8", () => {
    expect(parseJsonBody(Buffer.from('{"name":"ü","n":[1,null]}'))).toEqual({ name: "ü", n: [1, null] });
    expect(parseJsonBody(Buffer.from("null"))).toBeNull();
  });

  it("has no value for no body, an empty one or only whitespace", () => {
    for (const raw of [undefined, Buffer.alloc(0), Buffer.from(" \r\n\t")])
      expect(parseJsonBody(raw)).toBeUndefined();
  });

  it("says where a body that is not JSON breaks", () => {
    expect(() => parseJsonBody(Buffer.from('{"name":'))).toThrow(InvalidJsonBody);
    expect(() => parseJsonBody(Buffer.from('{"name":'))).toThrow(
      /^The request body is not valid JSON: .+\.$/,
    );
  });
});
