// What the contract tests need from the bundled spec: the operation, validators compiled from its
// own schemas (shared with the spec's tests), and a valid request built from its examples.
import {
  createSpecAjv,
  deref as derefIn,
  findOperation,
  loadBundledSpec,
} from "@notebook-image/spec/testing";

export const spec = loadBundledSpec();
const { validator } = createSpecAjv(spec);
const deref = (node: unknown) => derefIn(spec, node);
const { path: PATH, operation } = findOperation(spec, "createImage");

export { operation };

type Media = { schema: { $ref: string }; examples?: Record<string, unknown> };
type Response = { headers?: Record<string, unknown>; content?: Record<string, Media> };

/** The operation's responses by status code, refs resolved. */
export const responses: Record<string, Response> = Object.fromEntries(
  Object.entries(operation.responses).map(([status, response]) => [status, deref(response)]),
);

/** The JSON body of a response status, or undefined when it has none. */
export function jsonBody(status: string): Media | undefined {
  return responses[status]?.content?.["application/json"];
}

/** Value of a named example of a media type. */
export function exampleValue(media: Media, name: string): unknown {
  return deref(media.examples?.[name]).value;
}

/** The first named example of a status' JSON body: what Prism answers when no example is asked for. */
export function firstExampleValue(status: string): unknown {
  const media = jsonBody(status);
  const name = Object.keys(media?.examples ?? {})[0];
  if (!media || name === undefined) throw new Error(`the spec has no named example for ${status}`);
  return exampleValue(media, name);
}

/** Validates `body` against the schema of `status`'s JSON response; returns Ajv's errors, or null. */
export function responseBodyErrors(status: string, body: unknown): unknown[] | null {
  const media = jsonBody(status);
  if (!media) throw new Error(`the spec declares no JSON body for ${status}`);
  const validate = validator(media.schema.$ref);
  return validate(body) ? null : (validate.errors ?? []);
}

const projectId: string = spec.components.parameters.ProjectId.example;
const instanceId: string = spec.components.parameters.NotebookId.example;
const requestMedia = deref(operation.requestBody).content["application/json"];

/** The reference page's example request, as the spec carries it. */
export const validRequestBody = exampleValue(requestMedia, "SavePytorchImage") as Record<string, unknown>;

/** Path of the operation, with the spec's example ids unless others are given. */
export function createImagePath(ids: { projectId?: string; instanceId?: string } = {}): string {
  return PATH.replace("{project_id}", encodeURIComponent(ids.projectId ?? projectId)).replace(
    "{id}",
    encodeURIComponent(ids.instanceId ?? instanceId),
  );
}

/** A harmless token: the mock checks that one is there, not what it is. */
export const tokenHeaders = { "content-type": "application/json", "x-auth-token": "contract-test-token" };

export type Violation = { location: string[]; severity: string; code: string | number; message: string };

/** The violations Prism reports in its `sl-violations` header, or [] when there is none. */
export function violations(response: globalThis.Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}
