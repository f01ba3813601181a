// The built package as a user's code runs it: a consumer imports @notebook-image/client and its
// subpaths by name (resolved through the exports map to dist/, as in a user's node_modules) in a
// child Node.js and calls the Prism mock with both kinds of credentials, the lifecycle helpers, the
// core and the signing subpath. The package as users get it (packed, installed with its declared
// dependencies, imported and required, a consumer type-checked under strict in two resolutions,
// deep imports refused, nothing but what users need in the tarball) is scripts/check-packages.mjs's
// job (`pnpm check:packages`), not repeated here.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "./spec.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const mockUrl = inject("mockUrl");

const CONSUMER = `
import {
  createNotebookImageClient,
  ModelArtsApiError,
  RequestValidationError,
  validateCreateImageRequest,
} from "@notebook-image/client";
import {
  createNotebookImageCore,
  ImageSaveFailedError,
  saveInstanceAsImage,
} from "@notebook-image/client";
import { signHeaders, signingKey, verifySignature } from "@notebook-image/client/signing";

const body = { name: "pytorch1_4", namespace: "atelier-auto", tag: "20221223" };
const results = {};

for (const auth of [{ token: "consumer-token" }, { accessKey: "AK", secretKey: "SK" }]) {
  const client = createNotebookImageClient({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth });
  const image = await client.saveInstanceAsImage(${JSON.stringify(EXAMPLE_INSTANCE_ID)}, body);
  results["status" + ("token" in auth ? "Token" : "AkSk")] = image.status;
  try {
    await client.saveInstanceAsImage(${JSON.stringify(EXAMPLE_INSTANCE_ID)}, body, { headers: { Prefer: "code=403" } });
  } catch (error) {
    if (error instanceof ModelArtsApiError) results.apiError = { name: error.name, status: error.status, code: error.errorCode };
  }
  const { data } = await client.api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
    params: { path: { project_id: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, id: ${JSON.stringify(EXAMPLE_INSTANCE_ID)} } },
    body,
  });
  results.apiStatus = data?.status;
}
const invalid = await createNotebookImageClient({ projectId: "p", auth: { token: "t" } })
  .saveInstanceAsImage("nope", { name: "Bad", namespace: "ok" })
  .catch((e) => e);
results.validation = invalid instanceof RequestValidationError ? invalid.issues.map((i) => i.path) : String(invalid);
results.issues = validateCreateImageRequest({ name: "ok" }).map((i) => i.message);
// The lifecycle, the core with one operation, client.api with a call's own time limit and retries.
const lifecycle = createNotebookImageClient({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth: { token: "t" } });
const prefer = (example) => ({ headers: { Prefer: "code=200, example=" + example } });
const active = await lifecycle.waitForImage("4e0d1854-63e5-4517-b683-a0ee97a692a1", { pollIntervalMs: 1, request: prefer("ActiveImage") });
results.waited = active.status;
results.failed = await lifecycle
  .waitForImage("4e0d1854-63e5-4517-b683-a0ee97a692a1", { pollIntervalMs: 1, request: prefer("CreateFailedImage") })
  .catch((e) => (e instanceof ImageSaveFailedError ? e.image.status : String(e)));
let listed = 0;
for await (const _ of lifecycle.listImages({ type: "DEDICATED" }, prefer("SavedImagesPage"))) listed++;
results.listed = listed > 0;
const core = createNotebookImageCore({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth: { token: "t" } });
results.core = (await saveInstanceAsImage(core, ${JSON.stringify(EXAMPLE_INSTANCE_ID)}, body)).status;
const own = await core.api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
  params: { path: { project_id: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, id: ${JSON.stringify(EXAMPLE_INSTANCE_ID)} } },
  body,
  fetch: core.fetchWith({ timeoutMs: 5_000, retry: false }),
});
results.fetchWith = own.data?.status;

// The signing subpath, as a server verifying requests uses it.
const signed = new Headers({ "content-type": "application/json" });
await signHeaders(await signingKey("SK"), "AK", { method: "POST", url: "https://h.example/v1/x", headers: signed, body: new TextEncoder().encode("{}") });
const verdict = await verifySignature(
  { method: "POST", url: "/v1/x", headers: { host: "h.example", "content-type": "application/json", "x-sdk-date": signed.get("x-sdk-date") ?? "", authorization: signed.get("authorization") ?? "" }, body: "{}" },
  { secretKeyFor: (ak) => (ak === "AK" ? "SK" : undefined) },
);
results.signing = verdict.ok;
console.log(JSON.stringify(results));
`;

describe("the built package", () => {
  it("runs a consumer against the mock, importing it by name as a user does", () => {
    if (!existsSync(join(packageDir, "dist/index.js"))) {
      throw new Error(
        "dist/ is missing: run `pnpm --filter @notebook-image/client build` (turbo does it before test)",
      );
    }
    // From the package's directory a bare "@notebook-image/client" is the package itself, resolved
    // through its exports map (package self-reference), not the source files vitest runs.
    const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", CONSUMER], {
      cwd: packageDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      statusToken: "INIT",
      statusAkSk: "INIT",
      apiError: { name: "ModelArtsApiError", status: 403, code: expect.stringMatching(/^ModelArts\./) },
      apiStatus: "INIT",
      validation: ["instanceId", "name"],
      issues: ["namespace: is required"],
      signing: true,
      waited: "ACTIVE",
      failed: "CREATE_FAILED",
      listed: true,
      core: "INIT",
      fetchWith: "INIT",
    });
  }, 120_000);
});
