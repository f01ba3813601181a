import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./closest-match.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["name", "name", 0],
    ["nmae", "name", 1], // a swap of neighbours is one edit
    ["nam", "name", 1],
    ["namee", "name", 1],
    ["nbme", "name", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ])("editDistance(%j, %j) = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestMatch", () => {
  const fields = ["name", "namespace", "tag", "workspace_id"];
  it("suggests the closest candidate within the distance", () => {
    expect(closestMatch("worksapce_id", fields)).toBe("workspace_id");
    expect(closestMatch("nmae", fields)).toBe("name");
    expect(closestMatch("tga", fields)).toBe("tag");
  });
  it("suggests nothing when every candidate is too far", () => {
    expect(closestMatch("flavor", fields)).toBeUndefined();
    expect(closestMatch("tog", fields, 0)).toBeUndefined();
  });
});
