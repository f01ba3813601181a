// The spec against Huawei's API reference page for create-image (shared/reference in the project's
// notes): the status codes the page lists. This list is the one place they are typed, because it
// is the check of the spec against a source outside it; the mock's contract tests read the
// statuses from the spec and request each one.
import { describe, expect, it } from "vitest";
import { createImage } from "./support/spec.js";

const REFERENCE_PAGE_STATUSES = ["200", "201", "400", "401", "403", "404", "429", "500"];

describe("create-image's responses", () => {
  it("are the statuses the reference page lists, no more, no fewer", () => {
    expect(Object.keys(createImage.operation.responses).sort()).toStrictEqual(REFERENCE_PAGE_STATUSES);
  });
});
