// Pins the Prism behaviour that the differential fuzz excludes (fuzz/prism-limitations.ts), on a
// Prism of its own since the failing case ends the process. When an upgrade of Prism fixes it,
// this test fails: then drop the exclusion.
import { startMock } from "@notebook-image/mock";
import { describe, expect, it } from "vitest";
import { crashesPrism } from "./fuzz/prism-limitations.js";
import { createImageUrl, exampleInstanceId, exampleProjectId, exampleRequest } from "./support/spec.js";

describe("Prism limitation: unknown field names that Node refuses in a header", () => {
  it("answers 400 up to U+00FF, and dies on a field name beyond it (stoplightio/prism#1934)", async () => {
    const mock = await startMock({ errors: true });
    const send = (body: unknown) =>
      fetch(createImageUrl(mock.url, exampleProjectId, exampleInstanceId), {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": "pin" },
        body: JSON.stringify(body),
      });
    try {
      // Latin-1, and control characters and lone surrogates (which JSON.stringify escapes) are fine.
      for (const key of ["clé", "a\u0001b", "\ud800"]) {
        const body = { ...exampleRequest, [key]: 1 };
        expect(crashesPrism(body), JSON.stringify(key)).toBe(false);
        const response = await send(body);
        await response.arrayBuffer();
        expect(response.status, JSON.stringify(key)).toBe(400);
      }

      const fatal = { ...exampleRequest, 名前: 1 };
      expect(crashesPrism(fatal)).toBe(true);
      await expect(send(fatal)).rejects.toThrow(TypeError);
      const exit = await mock.exited;
      expect(exit.code !== 0 || exit.signal !== null, `Prism exited with ${JSON.stringify(exit)}`).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
