// The spec's own examples, read from the bundled spec through @notebook-image/spec/testing, so that
// the tests use the values the contract holds instead of copies of them.
import { jsonExample, loadBundledSpec, operationPath, parameterExample } from "@notebook-image/spec/testing";

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

/** The create-image path of the examples' project and instance. */
export const EXAMPLE_CREATE_PATH = operationPath(spec, "createImage", {
  project_id: EXAMPLE_PROJECT_ID,
  id: EXAMPLE_INSTANCE_ID,
});
