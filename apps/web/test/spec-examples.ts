// The spec's own examples, read from the bundled spec through @notebook-image/spec/testing, so that
// the tests use the values the contract holds instead of copies of them.
import {
  createImageExamples,
  jsonExample,
  loadBundledSpec,
  operationPath as pathIn,
} from "@notebook-image/spec/testing";

const spec = loadBundledSpec();
const examples = createImageExamples(spec);

export const EXAMPLE_PROJECT_ID = examples.projectId;
export const EXAMPLE_INSTANCE_ID = examples.instanceId;
export const EXAMPLE_REQUEST = examples.request;
export const EXAMPLE_IMAGE = examples.image;

/** ShowImage's first example: what the Prism mock answers by default. */
export const EXAMPLE_SHOWN_IMAGE: Record<string, unknown> & { status: string; swr_path: string } =
  jsonExample(spec, "ShowImage", { status: "200" });

/** An operation's path with its parameters filled in: `operationPath("ShowImage", { project_id, id })`. */
export function operationPath(operationId: string, params: Record<string, string>): string {
  return pathIn(spec, operationId, params);
}
