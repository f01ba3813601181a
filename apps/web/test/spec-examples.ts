// The spec's own examples, read from the bundled spec through @notebook-image/spec/testing, so that
// the tests use the values the contract holds instead of copies of them.
import {
  jsonExample,
  loadBundledSpec,
  parameterExample,
  operationPath as pathIn,
} from "@notebook-image/spec/testing";

const spec = loadBundledSpec();

export const EXAMPLE_PROJECT_ID: string = parameterExample(spec, "createImage", "project_id");
export const EXAMPLE_INSTANCE_ID: string = parameterExample(spec, "createImage", "id");
/** The reference page's request: name, namespace, tag, description, workspace_id. */
export const EXAMPLE_REQUEST: Record<string, string> = jsonExample(spec, "createImage", {
  name: "SavePytorchImage",
});
/** The image the create-image example answers with. */
export const EXAMPLE_IMAGE: Record<string, unknown> & {
  id: string;
  name: string;
  tag: string;
  status: string;
  swr_path: string;
} = jsonExample(spec, "createImage", { status: "200", name: "SavedImage" });

/** ShowImage's first example: what the Prism mock answers by default. */
export const EXAMPLE_SHOWN_IMAGE: Record<string, unknown> & { status: string; swr_path: string } =
  jsonExample(spec, "ShowImage", { status: "200" });

/** An operation's path with its parameters filled in: `operationPath("ShowImage", { project_id, id })`. */
export function operationPath(operationId: string, params: Record<string, string>): string {
  return pathIn(spec, operationId, params);
}
