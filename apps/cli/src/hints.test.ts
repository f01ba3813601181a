import { describe, expect, it } from "vitest";
import { hintFor } from "./hints.js";

describe("hintFor", () => {
  it("tells the user to start a stopped or not-running instance", () => {
    expect(hintFor("ModelArts.6327")).toMatch(/^start the instance first/);
    expect(hintFor("ModelArts.6307")).toMatch(/start it first/);
  });

  it("covers the whole 0201-0212 authentication range, but 0210 is a project mismatch", () => {
    expect(hintFor("ModelArts.0201")).toMatch(/authentication failed/);
    expect(hintFor("ModelArts.0212")).toMatch(/authentication failed/);
    expect(hintFor("ModelArts.0210")).toMatch(/project id does not match/);
    expect(hintFor("ModelArts.0213")).toBeUndefined();
  });

  it("explains gateway codes and has nothing for unknown codes", () => {
    expect(hintFor("APIGW.0301")).toMatch(/gateway/);
    expect(hintFor("ModelArts.9999")).toBeUndefined();
    expect(hintFor(undefined)).toBeUndefined();
  });
});
