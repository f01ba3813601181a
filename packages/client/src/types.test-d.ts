// Type tests (vitest typecheck): what the public API accepts and returns, checked by tsc.
import { describe, expectTypeOf, it } from "vitest";
import {
  type CallOptions,
  type CreateImageRequest,
  type components,
  createNotebookImageClient,
  explainErrorCode,
  type Image,
  type ImageStatus,
  type ModelArtsApiError,
  type ModelArtsErrorBody,
  type NetworkError,
  type NotebookImageClient,
  type Region,
  type RequestValidationError,
  type TimeoutError,
  type ValidationIssue,
  validateCreateImageRequest,
} from "./index.js";

const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" } });

describe("public types", () => {
  it("saveInstanceAsImage takes an id, a CreateImageRequest and call options, and resolves to an Image", () => {
    expectTypeOf(client).toEqualTypeOf<NotebookImageClient>();
    expectTypeOf(client.saveInstanceAsImage).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.saveInstanceAsImage).parameter(1).toEqualTypeOf<CreateImageRequest>();
    expectTypeOf(client.saveInstanceAsImage).parameter(2).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf(client.saveInstanceAsImage).returns.resolves.toEqualTypeOf<Image>();
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

  it("regions are the spec's", () => {
    expectTypeOf<"cn-north-4">().toExtend<Region>();
    expectTypeOf<"mars-north-1">().not.toExtend<Region>();
    // @ts-expect-error not a region of the spec
    createNotebookImageClient({ projectId: "p", auth: { token: "t" }, region: "mars-north-1" });
    // @ts-expect-error auth is token or AK/SK
    createNotebookImageClient({ projectId: "p", auth: { user: "u" } });
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
