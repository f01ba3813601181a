// The spec's x-error-codes (error-codes.yaml), the one list the client's hints, the server's
// refusals and the documents' errors tables come from, against the rest of each document that
// carries it (the ModelArts API's and IAM's token call): every error example of every operation's
// responses carries a code it lists, with the status the example is answered with; and the bundled
// description's errors table has a row for each.
import { describe, expect, it } from "vitest";
import { readBundledDocument } from "../reader/index.js";
import { errorsTable } from "../scripts/errors-table.mjs";
import { deref, loadBundledSpec, operations } from "../testing/index.js";

interface Entry {
  statuses: number[];
  summary: string;
  hint: string;
}
interface ErrorCodes {
  codes: Record<string, Entry>;
  ranges: (Entry & { from: string; to: string })[];
}
/** Each document that carries x-error-codes, with how many error examples it has at least. */
const DOCUMENTS = [
  { name: "openapi", spec: loadBundledSpec(), examplesAtLeast: 51 },
  { name: "iam-openapi", spec: readBundledDocument("iam-openapi"), examplesAtLeast: 3 },
];

/** The entry of the code: its own, else the range that holds it (same prefix, number within). */
function entryOf(errorCodes: ErrorCodes, code: string): Entry | undefined {
  if (Object.hasOwn(errorCodes.codes, code)) return errorCodes.codes[code];
  const [prefix, number] = code.split(".");
  return errorCodes.ranges.find(({ from, to }) => {
    const [fromPrefix, low] = from.split(".");
    const [, high] = to.split(".");
    return prefix === fromPrefix && Number(low) <= Number(number) && Number(number) <= Number(high);
  });
}

/** Each error example of each operation's responses: where it is, its status and its code. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
const errorExamplesOf = (spec: any) =>
  operations(spec).flatMap(({ operation }) =>
    Object.entries(operation.responses as Record<string, unknown>)
      .filter(([status]) => /^[45]/.test(status))
      .flatMap(([status, response]) =>
        Object.values(deref(spec, response).content ?? {}).flatMap((media) =>
          Object.entries((media as { examples?: Record<string, unknown> }).examples ?? {}).map(
            ([name, example]) => ({
              where: `${operation.operationId} ${status} ${name}`,
              status: Number(status),
              code: String(deref(spec, example).value.error_code),
            }),
          ),
        ),
      ),
  );

describe.each(DOCUMENTS)("x-error-codes of $name", ({ spec, examplesAtLeast }) => {
  const errorCodes: ErrorCodes = spec["x-error-codes"];
  const errorExamples = errorExamplesOf(spec);

  it("lists the code of every error example, with the status the example comes with", () => {
    expect(errorExamples.length).toBeGreaterThanOrEqual(examplesAtLeast);
    const unlisted = errorExamples.filter(
      ({ code, status }) => !entryOf(errorCodes, code)?.statuses.includes(status),
    );
    expect(unlisted).toEqual([]);
  });

  it("gives each range a first code no greater than its last, with the same prefix", () => {
    for (const { from, to } of errorCodes.ranges) {
      expect(to.split(".")[0], `${from} – ${to}`).toBe(from.split(".")[0]);
      expect(Number(to.split(".")[1]), `${from} – ${to}`).toBeGreaterThanOrEqual(Number(from.split(".")[1]));
    }
  });

  it("is the errors table of the bundled description, a row for each code and range", () => {
    const description = String(spec.info.description);
    const table = errorsTable(errorCodes);
    expect(description).toContain(table.join("\n"));
    expect(description).not.toContain("<!-- errors table");
    const rows = table.slice(2).join("\n");
    for (const code of Object.keys(errorCodes.codes)) expect(rows, code).toContain(`\`${code}\``);
    for (const { from, to } of errorCodes.ranges) expect(rows).toContain(`\`${from}\` – \`${to}\``);
  });
});
