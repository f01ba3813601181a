// Every example in the bundled spec is valid under the schema it illustrates: the named examples
// of every operation's request body and responses, the parameters' examples, and the `examples`
// of each schema property. Prism serves these examples, so an invalid one would be a lying mock.
import { describe, expect, it } from "vitest";
import { createSpecAjv, deref, loadBundledSpec, operations as located } from "../testing/index.js";

const spec = loadBundledSpec();
const { validator } = createSpecAjv(spec);
type Operation = { operationId: string; requestBody?: unknown; responses: Record<string, unknown> };
/** Every operation of the spec, in document order. */
const operations: Operation[] = located(spec).map(({ operation }) => operation);

type MediaExample = { where: string; exampleRef: string; schemaRef: string; value: unknown };
type Media = { schema: { $ref: string }; examples?: Record<string, { $ref?: string }> };
type Body = { content?: Record<string, Media> };

/** Each named example of each JSON body of an operation, with the schema it belongs to. */
function mediaExamples(operation: Operation): MediaExample[] {
  const bodies: [string, Body][] = [];
  if (operation.requestBody) bodies.push(["request body", deref(spec, operation.requestBody)]);
  for (const [status, response] of Object.entries(operation.responses)) {
    bodies.push([`${status} response`, deref(spec, response)]);
  }
  return bodies.flatMap(([where, body]) =>
    Object.values(body.content ?? {}).flatMap((media) =>
      Object.entries(media.examples ?? {}).map(([name, example]) => ({
        where: `${operation.operationId} ${where} example ${name}`,
        exampleRef: example.$ref ?? "",
        schemaRef: media.schema.$ref,
        value: deref(spec, example).value,
      })),
    ),
  );
}

/** Each `examples` array under the component schemas, with the JSON pointer of its schema. */
function schemaExamples(node: unknown, pointer: string): { pointer: string; value: unknown }[] {
  if (!node || typeof node !== "object") return [];
  const { examples } = node as { examples?: unknown };
  const own = Array.isArray(examples) ? examples.map((value: unknown) => ({ pointer, value })) : [];
  const nested = Object.entries(node)
    .filter(([key]) => key !== "examples")
    .flatMap(([key, child]) => schemaExamples(child, `${pointer}/${key}`));
  return [...own, ...nested];
}

const examples = operations.flatMap(mediaExamples);

describe("named examples of every operation", () => {
  it("are found in every operation", () => {
    expect(new Set(examples.map((example) => example.where.split(" ")[0])).size).toBe(operations.length);
  });

  it.each(examples.map((example) => [example.where, example] as const))("%s validates", (_where, example) => {
    const validate = validator(example.schemaRef);
    expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("covers every example component of the spec", () => {
    const used = new Set(examples.map((example) => example.exampleRef));
    const declared = Object.keys(spec.components.examples).map((name) => `#/components/examples/${name}`);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((ref) => !used.has(ref))).toStrictEqual([]);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    "%s gives every request and response body at least one named example",
    (_id, operation) => {
      const bodies = [operation.requestBody, ...Object.values(operation.responses)].filter(Boolean);
      for (const body of bodies) {
        for (const media of Object.values((deref(spec, body) as Body).content ?? {})) {
          expect(Object.keys(media.examples ?? {}), JSON.stringify(body)).not.toHaveLength(0);
        }
      }
    },
  );
});

describe("parameter examples", () => {
  it.each(Object.keys(spec.components.parameters))("%s example validates", (name) => {
    const parameter = spec.components.parameters[name];
    const validate = validator(`#/components/parameters/${name}/schema`);
    expect(parameter.example).toBeDefined();
    expect(validate(parameter.example), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("schema property examples", () => {
  const found = schemaExamples(spec.components.schemas, "#/components/schemas");

  it("exist", () => {
    expect(found.length).toBeGreaterThan(0);
  });

  it.each(found.map((example) => [example.pointer, example.value] as const))(
    "%s: %j validates",
    (pointer, value) => {
      const validate = validator(pointer);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    },
  );
});
