// The spec's own examples, read from the bundled spec through @notebook-image/spec/testing, so that
// the tests use the values the contract holds instead of copies of them.
import { createImageExamples, loadBundledSpec } from "@notebook-image/spec/testing";

const examples = createImageExamples(loadBundledSpec());

export const EXAMPLE_PROJECT_ID = examples.projectId;
export const EXAMPLE_INSTANCE_ID = examples.instanceId;
export const EXAMPLE_REQUEST = examples.request;
export const EXAMPLE_IMAGE = examples.image;
export const EXAMPLE_CREATE_PATH = examples.path;
