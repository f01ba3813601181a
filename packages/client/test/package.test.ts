// The package as users get it: `pnpm pack`, installed with npm into a fresh project outside the
// workspace, a consumer file type-checked under `strict` by tsc, then run against the Prism mock.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "./spec.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const mockUrl = inject("mockUrl");
const work = mkdtempSync(join(tmpdir(), "notebook-image-client-package-"));
const consumer = join(work, "consumer");

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      npm_config_fund: "false",
      npm_config_audit: "false",
      npm_config_update_notifier: "false",
    },
  });

const CONSUMER_TS = `
import {
  createNotebookImageClient,
  ModelArtsApiError,
  RequestValidationError,
  validateCreateImageRequest,
  type CreateImageRequest,
  type Image,
} from "@notebook-image/client";
import {
  createNotebookImageCore,
  ImageSaveFailedError,
  saveInstanceAsImage,
} from "@notebook-image/client";
import { signHeaders, signingKey, verifySignature } from "@notebook-image/client/signing";

const body: CreateImageRequest = { name: "pytorch1_4", namespace: "atelier-auto", tag: "20221223" };
const results: Record<string, unknown> = {};

for (const auth of [{ token: "consumer-token" }, { accessKey: "AK", secretKey: "SK" }] as const) {
  const client = createNotebookImageClient({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth });
  const image: Image = await client.saveInstanceAsImage(${JSON.stringify(EXAMPLE_INSTANCE_ID)}, body);
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
  .catch((e: unknown) => e);
results.validation = invalid instanceof RequestValidationError ? invalid.issues.map((i) => i.path) : String(invalid);
results.issues = validateCreateImageRequest({ name: "ok" }).map((i) => i.message);
// The lifecycle, the core with one operation, client.api with a call's own time limit and retries.
const lifecycle = createNotebookImageClient({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth: { token: "t" } });
const prefer = (example: string) => ({ headers: { Prefer: "code=200, example=" + example } });
const active: Image = await lifecycle.waitForImage("4e0d1854-63e5-4517-b683-a0ee97a692a1", { pollIntervalMs: 1, request: prefer("ActiveImage") });
results.waited = active.status;
results.failed = await lifecycle
  .waitForImage("4e0d1854-63e5-4517-b683-a0ee97a692a1", { pollIntervalMs: 1, request: prefer("CreateFailedImage") })
  .catch((e: unknown) => (e instanceof ImageSaveFailedError ? e.image.status : String(e)));
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

describe("the packed package", () => {
  let tarball: string;

  beforeAll(() => {
    if (!existsSync(join(packageDir, "dist/index.js"))) {
      throw new Error(
        "dist/ is missing: run `pnpm --filter @notebook-image/client build` (turbo does it before test)",
      );
    }
    run("pnpm", ["pack", "--pack-destination", work], packageDir);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz")) as string);
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("contains the built ESM, its types and the README, and nothing else", () => {
    const files = run("tar", ["-tzf", tarball], work).trim().split("\n").sort();
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/dist/signing.js");
    expect(files).toContain("package/dist/signing.d.ts");
    expect(files).toContain("package/dist/generated/request-schemas.js");
    expect(files).toContain("package/dist/generated/request-schemas.d.ts");
    expect(files).toContain("package/README.md");
    expect(files.filter((f) => /\/src\/|\.test\.|\.map$|\/test\/|\/scripts\//.test(f))).toEqual([]);
  });

  it("installs with npm into a fresh project, type-checks a consumer under strict, and runs it against the mock", () => {
    mkdirSync(consumer, { recursive: true });
    writeFileSync(
      join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", tarball],
      consumer,
    );
    writeFileSync(join(consumer, "consumer.ts"), CONSUMER_TS);
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          types: [],
          outDir: "out",
        },
        files: ["consumer.ts"],
      }),
    );
    run(process.execPath, [tsc, "-p", "tsconfig.json"], consumer);
    const output = JSON.parse(run(process.execPath, ["out/consumer.js"], consumer));
    expect(output).toEqual({
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
  }, 240_000);

  it("exposes only its exports map (no deep imports)", () => {
    const probe = `import("@notebook-image/client/dist/client.js").then(() => console.log("deep"), (e) => console.log(e.code))`;
    expect(run(process.execPath, ["--input-type=module", "-e", probe], consumer).trim()).toBe(
      "ERR_PACKAGE_PATH_NOT_EXPORTED",
    );
  });
});
