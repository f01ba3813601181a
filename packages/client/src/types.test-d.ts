// Type tests (vitest typecheck): what the public API accepts and returns, checked by tsc.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiCall,
  type CallOptions,
  type CreateImageRequest,
  type components,
  createNotebookImageClient,
  createNotebookImageCore,
  explainErrorCode,
  type Image,
  type ImagePage,
  type ImageSaveFailedError,
  type ImageStatus,
  type KnownRegion,
  type ModelArtsApiError,
  type ModelArtsErrorBody,
  type NetworkError,
  type Notebook,
  type NotebookImageClient,
  type NotebookImageCore,
  type NotebookStatus,
  type Region,
  type RequestValidationError,
  type ResponseInfo,
  saveInstanceAsImage,
  type TimeoutError,
  type ValidationIssue,
  validateClientOptions,
  validateCreateImageRequest,
  type WaitOptions,
  waitForImage,
} from "./index.js";

const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" } });

describe("public types", () => {
  it("saveInstanceAsImage takes an id, a CreateImageRequest and call options, and resolves to an Image", () => {
    expectTypeOf(client).toEqualTypeOf<NotebookImageClient>();
    expectTypeOf(client.saveInstanceAsImage).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.saveInstanceAsImage).parameter(1).toEqualTypeOf<CreateImageRequest>();
    const body = { name: "n", namespace: "ns" };
    expectTypeOf(client.saveInstanceAsImage("i", body)).toEqualTypeOf<ApiCall<Image>>();
    expectTypeOf(client.saveInstanceAsImage("i", body, { timeoutMs: 5 })).toEqualTypeOf<ApiCall<Image>>();
    // With wait, the final image: a plain promise (no response to give: there were several).
    expectTypeOf(client.saveInstanceAsImage("i", body, { wait: true })).toEqualTypeOf<Promise<Image>>();
    expectTypeOf(client.saveInstanceAsImage("i", body, { wait: { pollIntervalMs: 5 } })).toEqualTypeOf<
      Promise<Image>
    >();
    // @ts-expect-error wait takes its signal from the call
    void client.saveInstanceAsImage("i", body, { wait: { signal: AbortSignal.abort() } });
    expectTypeOf(
      client.saveInstanceAsImage("i", { name: "n", namespace: "ns" }).withResponse(),
    ).resolves.toEqualTypeOf<{ data: Image; response: ResponseInfo }>();
  });

  it("the standalone operations take a core, and a full client is a core", () => {
    const core = createNotebookImageCore({ projectId: "p", auth: { token: "t" } });
    expectTypeOf(saveInstanceAsImage).parameter(0).toEqualTypeOf<NotebookImageCore>();
    expectTypeOf(client).toExtend<NotebookImageCore>();
    expectTypeOf(
      saveInstanceAsImage(core, "i", { name: "n", namespace: "ns" }),
    ).resolves.toEqualTypeOf<Image>();
    expectTypeOf(saveInstanceAsImage).parameter(3).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf<CallOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
  });

  it("the lifecycle operations are typed from the spec", () => {
    expectTypeOf(client.getImage("i")).resolves.toEqualTypeOf<Image>();
    expectTypeOf(client.getNotebook("n")).resolves.toEqualTypeOf<Notebook>();
    expectTypeOf<Notebook["status"]>().toEqualTypeOf<NotebookStatus>();
    expectTypeOf(client.deleteImage("i", { force: true })).resolves.toEqualTypeOf<Image | undefined>();
    expectTypeOf(client.listImagesPage({ type: "DEDICATED" })).resolves.toEqualTypeOf<ImagePage>();
    expectTypeOf(client.listImages()).toExtend<AsyncIterable<Image>>();
    expectTypeOf(client.listImages().pages()).toExtend<AsyncIterable<ImagePage>>();
    // @ts-expect-error not a type of image
    void client.listImagesPage({ type: "PRIVATE" });
    // @ts-expect-error limit is a number
    void client.listImagesPage({ limit: "10" });
    expectTypeOf(
      client.waitForImage("i", { timeoutMs: 1, pollIntervalMs: 1 }),
    ).resolves.toEqualTypeOf<Image>();
    expectTypeOf(client.findImage({ name: "n", namespace: "ns", tag: "t" })).resolves.toEqualTypeOf<
      Image | undefined
    >();
    expectTypeOf<ImageSaveFailedError["image"]>().toEqualTypeOf<Image>();
    expectTypeOf<ImageSaveFailedError["statusMessage"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TimeoutError["image"]>().toEqualTypeOf<Image | undefined>();
    expectTypeOf(waitForImage).parameter(2).toEqualTypeOf<WaitOptions | undefined>();
  });

  it("validateClientOptions returns the issues", () => {
    expectTypeOf(validateClientOptions).returns.toEqualTypeOf<ValidationIssue[]>();
  });

  it("the body requires name and namespace and rejects unknown fields", () => {
    expectTypeOf<CreateImageRequest>().toHaveProperty("name").toEqualTypeOf<string>();
    expectTypeOf<CreateImageRequest>().toHaveProperty("namespace").toEqualTypeOf<string>();
    expectTypeOf<CreateImageRequest["tag"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error namespace is required
    void client.saveInstanceAsImage("id", { name: "n" });
    // @ts-expect-error a misspelt field is not part of the body
    void client.saveInstanceAsImage("id", { name: "n", namespace: "ns", worksapce_id: "0" });
  });

  it("the image and its status come from the spec", () => {
    expectTypeOf<Image>().toEqualTypeOf<components["schemas"]["Image"]>();
    expectTypeOf<Image["status"]>().toEqualTypeOf<ImageStatus>();
    expectTypeOf<"INIT">().toExtend<ImageStatus>();
    expectTypeOf<"SAVED">().not.toExtend<ImageStatus>();
    expectTypeOf<Image["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Image["create_at"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ModelArtsErrorBody>().toEqualTypeOf<components["schemas"]["ModelArtsError"]>();
  });

  it("known regions are the spec's; another region name type-checks without a cast", () => {
    expectTypeOf<"cn-north-4">().toExtend<KnownRegion>();
    expectTypeOf<"mars-north-1">().not.toExtend<KnownRegion>();
    expectTypeOf<KnownRegion>().toExtend<Region>();
    expectTypeOf<"eu-west-101">().toExtend<Region>();
    createNotebookImageClient({ projectId: "p", auth: { token: "t" }, region: "eu-west-101" });
  });

  it("auth is a token (or a function giving one) or an access key pair, never both", () => {
    createNotebookImageClient({ projectId: "p", auth: { token: () => Promise.resolve("fresh") } });
    createNotebookImageClient({
      projectId: "p",
      auth: { accessKey: "a", secretKey: "s", securityToken: "t" },
    });
    // @ts-expect-error auth is token or AK/SK
    createNotebookImageClient({ projectId: "p", auth: { user: "u" } });
    // @ts-expect-error a token and an access key pair at once
    createNotebookImageClient({ projectId: "p", auth: { token: "t", accessKey: "a", secretKey: "s" } });
    // @ts-expect-error an access key needs its secret
    createNotebookImageClient({ projectId: "p", auth: { accessKey: "a" } });
  });

  it("errors are Error subclasses with typed fields", () => {
    expectTypeOf<RequestValidationError>().toExtend<Error>();
    expectTypeOf<RequestValidationError["issues"]>().toEqualTypeOf<readonly ValidationIssue[]>();
    expectTypeOf<ModelArtsApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<ModelArtsApiError["errorCode"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ModelArtsApiError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TimeoutError["timeoutMs"]>().toEqualTypeOf<number>();
    expectTypeOf<NetworkError>().toExtend<Error>();
    expectTypeOf(validateCreateImageRequest).returns.toEqualTypeOf<ValidationIssue[]>();
  });

  it("explainErrorCode takes an error's errorCode as it is", () => {
    expectTypeOf(explainErrorCode).parameter(0).toEqualTypeOf<ModelArtsApiError["errorCode"]>();
    expectTypeOf(explainErrorCode).returns.toEqualTypeOf<string | undefined>();
  });

  it("client.api is typed from the spec's paths", async () => {
    const { data, error } = await client.api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
      params: { path: { project_id: "p", id: "i" } },
      body: { name: "n", namespace: "ns" },
    });
    expectTypeOf(data).toExtend<Image | undefined>();
    expectTypeOf(data?.status).toEqualTypeOf<ImageStatus | undefined>();
    expectTypeOf(error).toExtend<ModelArtsErrorBody | undefined>();
    expectTypeOf(error?.error_code).toEqualTypeOf<string | undefined>();
    // @ts-expect-error not a path of the spec
    void client.api.POST("/v1/{project_id}/nothing", {});
  });
});
