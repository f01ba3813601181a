// What these tests take from the bundled spec, through the spec package's own test helpers.
import { deref, findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

export const spec = loadBundledSpec();

/** The operation the save-image workflow calls. */
export const createImage = findOperation(spec, "createImage");

/** The example of a path parameter of the operation. */
export function pathExample(name: string): string {
  const parameter = createImage.parameters.find(
    (candidate: { in: string; name: string }) => candidate.in === "path" && candidate.name === name,
  );
  if (parameter?.example === undefined)
    throw new Error(`the spec gives no example for path parameter ${name}`);
  return String(parameter.example);
}

/** The first named example of create-image's request body: the reference page's request. */
export function firstRequestExample(): Record<string, unknown> {
  const examples =
    deref(spec, createImage.operation.requestBody)?.content?.["application/json"]?.examples ?? {};
  const name = Object.keys(examples)[0];
  if (name === undefined) throw new Error("create-image has no named request example");
  return deref(spec, examples[name]).value;
}
