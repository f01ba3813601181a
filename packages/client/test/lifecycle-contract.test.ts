// The lifecycle operations against the real Prism mock of the spec (global-setup.ts): every status
// code and every named example of ShowImage, ListImage, DeleteImage, ShowNotebook, UpdateNotebook
// and RenewLease, read from the spec, with both kinds of authentication; then waitForImage, findImage and listImages on Prism's
// examples. Prism's `Prefer` header picks the answer.
import { describe, expect, inject, it } from "vitest";
import {
  type CallOptions,
  createNotebookImageClient,
  ImageSaveFailedError,
  ModelArtsApiError,
  type NotebookImageClient,
  renewNotebookLease,
  updateNotebook,
} from "../src/index.js";
import { deref, type Json, operationById } from "./spec.js";

const mockUrl = inject("mockUrl");
const projectId: string = operationById("ShowImage").parameters.find(
  (p: Json) => p.name === "project_id",
).example;
const exampleOf = (operationId: string, name: string) =>
  operationById(operationId).parameters.find((p: Json) => p.name === name).example;
const imageId: string = exampleOf("ShowImage", "id");
const notebookId: string = exampleOf("ShowNotebook", "id");

const retry = { retries: 1, baseDelayMs: 10, maxDelayMs: 1_000 };
const clients: Record<string, NotebookImageClient> = {
  token: createNotebookImageClient({ projectId, baseUrl: mockUrl, auth: { token: "contract-token" }, retry }),
  "AK/SK": createNotebookImageClient({
    projectId,
    baseUrl: mockUrl,
    auth: { accessKey: "AK", secretKey: "SK" },
    retry,
  }),
};

/** How each operation is called by the client, with the call's options. */
const CALLS: Record<
  string,
  (
    client: NotebookImageClient,
    call: CallOptions,
  ) => Promise<unknown> & {
    withResponse(): Promise<{ data: unknown; response: { status: number; requestId?: string | undefined } }>;
  }
> = {
  ShowImage: (client, call) => client.getImage(imageId, call),
  ListImage: (client, call) => client.listImagesPage({ type: "DEDICATED" }, call),
  DeleteImage: (client, call) => client.deleteImage(imageId, { ...call, force: true }),
  ShowNotebook: (client, call) => client.getNotebook(notebookId, call),
  UpdateNotebook: (client, call) => updateNotebook(client, notebookId, { name: "notebook-x21d-large" }, call),
  RenewLease: (client, call) => renewNotebookLease(client, notebookId, { duration: 7_200_000 }, call),
};

type Answer = [operationId: string, status: string, example: string | undefined, response: Json];
const answers: Answer[] = Object.keys(CALLS).flatMap((operationId) =>
  Object.entries(operationById(operationId).operation.responses).flatMap(([status, ref]): Answer[] => {
    const response = deref(ref);
    const names = Object.keys(response.content?.["application/json"]?.examples ?? {});
    return names.length === 0
      ? [[operationId, status, undefined, response]]
      : names.map((name) => [operationId, status, name, response]);
  }),
);

describe.each(Object.keys(clients))(
  "lifecycle operations against the Prism mock, with %s auth",
  (authKind) => {
    const client = clients[authKind] as NotebookImageClient;
    const handled = new Set<string>();

    it.each(answers)("%s: status %s, example %s", async (operationId, status, example, response) => {
      const prefer = example ? `code=${status}, example=${example}` : `code=${status}`;
      const call = (CALLS[operationId] as (typeof CALLS)[string])(client, {
        headers: { Prefer: prefer },
      }).withResponse();
      const expected = example
        ? deref(response.content["application/json"].examples[example]).value
        : undefined;
      const requestId =
        deref(response.headers?.["X-Request-Id"])?.example ??
        deref(response.headers?.["X-Request-Id"])?.schema?.example;
      if (status.startsWith("2")) {
        const { data, response: info } = await call;
        expect(data).toEqual(expected);
        expect(info.status).toBe(Number(status));
        if (requestId !== undefined) expect(info.requestId).toBe(requestId);
      } else {
        const error = await call.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ModelArtsApiError);
        expect(error).toMatchObject({
          status: Number(status),
          errorCode: expected.error_code,
          errorMsg: expected.error_msg,
          body: expected,
        });
      }
      handled.add(`${operationId} ${status}`);
    });

    it("covered every status code of every lifecycle operation, each answered by Prism and handled as expected", () => {
      const documented = Object.keys(CALLS).flatMap((id) =>
        Object.keys(operationById(id).operation.responses).map((s) => `${id} ${s}`),
      );
      expect([...handled].sort()).toEqual(documented.sort());
    });
  },
);

describe("following and finding images on the Prism mock", () => {
  const client = clients.token as NotebookImageClient;
  const showExamples = deref(operationById("ShowImage").operation.responses["200"]).content[
    "application/json"
  ].examples;
  const withExample = (name: string) => ({
    request: { headers: { Prefer: `code=200, example=${name}` } },
    pollIntervalMs: 1,
    timeoutMs: 10_000,
  });

  it.each(Object.entries(showExamples).map(([name, ref]) => [name, deref(ref).value] as const))(
    "waitForImage on ShowImage's example %s ends as its status says",
    async (name, image) => {
      if (image.status === "ACTIVE")
        await expect(client.waitForImage(imageId, withExample(name))).resolves.toEqual(image);
      else if (["CREATE_FAILED", "ERROR", "DELETED"].includes(image.status)) {
        const error = await client.waitForImage(imageId, withExample(name)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImageSaveFailedError);
        expect(error).toMatchObject({ image, statusMessage: image.status_message });
      } else {
        // A status that does not end the save: still waiting when the limit passes (long enough
        // for a first poll to be answered on a loaded machine).
        await expect(
          client.waitForImage(imageId, { ...withExample(name), pollIntervalMs: 50, timeoutMs: 2_000 }),
        ).rejects.toMatchObject({
          name: "TimeoutError",
          image,
        });
      }
    },
  );

  const pageExample = deref(
    deref(operationById("ListImage").operation.responses["200"]).content["application/json"].examples
      .SavedImagesPage,
  ).value;

  it("findImage finds each image of the saved-images page by namespace, name and tag", async () => {
    for (const image of pageExample.data) {
      await expect(
        client.findImage(
          { name: image.name, namespace: image.namespace, tag: image.tag },
          { headers: { Prefer: "code=200, example=SavedImagesPage" } },
        ),
      ).resolves.toEqual(image);
    }
    await expect(
      client.findImage(
        { name: "no-such-image", namespace: "atelier-auto", tag: "x" },
        { headers: { Prefer: "code=200, example=SavedImagesPage" } },
      ),
    ).resolves.toBeUndefined();
  });

  it("listImages yields the images of the page (a page shorter than limit is the last)", async () => {
    const seen = [];
    for await (const image of client.listImages(
      { type: "DEDICATED" },
      { headers: { Prefer: "code=200, example=SavedImagesPage" } },
    ))
      seen.push(image);
    expect(seen).toEqual(pageExample.data);
  });
});
