// The x-codeSamples shown in the docs are real: the curl and CLI samples run against the Prism mock
// (only the endpoint changed) and the TypeScript samples type-check against the built client.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { codeSamplesDir, docsDir } from "../scripts/paths.mjs";
import { run } from "./run.js";
import { type CodeSample, codeSamples, deref, operation, responseExample, spec } from "./spec.js";

const require = createRequire(import.meta.url);
const mockUrl = inject("mockUrl");
const samplesDir = join(codeSamplesDir, String(operation.operationId));
const example = responseExample("200", "SavedImage") as Record<string, unknown>;
const exampleRequest = deref(
  deref(deref(deref(deref(operation.requestBody).content)["application/json"]).examples).SavePytorchImage,
).value as Record<string, string>;
const projectId = "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b";
const instanceId = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";
const scratch = join(docsDir, "test-results", "code-samples");

function sample(label: string): CodeSample {
  const found = codeSamples().find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no x-codeSamples entry labelled ${label}`);
  return found;
}

/** Replaces `from` with `to`, failing if `from` is not there exactly once. */
function substitute(source: string, from: string, to: string): string {
  expect(source.split(from).length - 1, `the sample should contain ${from} once`).toBe(1);
  return source.replace(from, to);
}

/** PATH with node itself and the bins of this package (notebook-image), nothing of the user's. */
const toolPath = [
  join(docsDir, "node_modules", ".bin"),
  dirname(process.execPath),
  "/usr/local/bin",
  "/usr/bin",
  "/bin",
].join(delimiter);

describe("x-codeSamples", () => {
  it("are bundled from the files in spec/code_samples, one file per sample", async () => {
    const files = await readdir(samplesDir);
    const samples = codeSamples();
    expect(samples).toHaveLength(files.length);
    const sources = await Promise.all(files.map((file) => readFile(join(samplesDir, file), "utf8")));
    for (const entry of samples) expect(sources).toContain(entry.source);
  });
});

describe("the curl sample", () => {
  const endpoint = "https://modelarts.cn-north-4.myhuaweicloud.com";

  async function runCurl(env: Record<string, string>) {
    const script = substitute(sample("curl").source, endpoint, mockUrl);
    // curl reads .curlrc from CURL_HOME: print the status after the body without editing the sample.
    const curlHome = join(scratch, "curl-home");
    await mkdir(curlHome, { recursive: true });
    await writeFile(join(curlHome, ".curlrc"), 'write-out = "\\n%{http_code}"\n');
    return run("sh", ["-c", script], { env: { PATH: toolPath, CURL_HOME: curlHome, ...env } });
  }

  it("gets 200 and the reference response from the mock", async () => {
    const result = await runCurl({
      PROJECT_ID: projectId,
      INSTANCE_ID: instanceId,
      NOTEBOOK_IMAGE_TOKEN: "test-token",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [status, ...body] = result.stdout.trimEnd().split("\n").reverse();
    expect(status).toBe("200");
    expect(JSON.parse(body.reverse().join("\n"))).toEqual(example);
  });

  it("sends the reference example request", () => {
    const source = sample("curl").source;
    const body = source.slice(source.indexOf("--data '") + "--data '".length, source.lastIndexOf("'"));
    expect(JSON.parse(body)).toEqual(exampleRequest);
  });

  it("fails loudly when the token is missing (the mock answers 401)", async () => {
    const result = await runCurl({ PROJECT_ID: projectId, INSTANCE_ID: instanceId });
    // --fail-with-body: exit 22 on an HTTP error, with the error body still printed.
    expect(result.code).toBe(22);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("401");
  });
});

describe("the introduction's section on trying the API locally", () => {
  const page = String(deref(spec.info).description);
  const section = page.slice(page.indexOf("## Trying it locally"));
  const command = section.match(/```sh\n([\s\S]*?)\n```/)?.[1] ?? "";
  const localMock = "http://127.0.0.1:4010";

  it("has a curl command that gets the reference response from the mock", async () => {
    const result = await run("sh", ["-c", substitute(command, localMock, mockUrl)], {
      env: { PATH: toolPath },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(example);
  });

  it("names a Prefer header that really selects an error example", async () => {
    const prefer = section.match(/`(Prefer: code=(\d+), example=(\w+))`/);
    expect(prefer).not.toBeNull();
    const [, header = "", status = "", name = ""] = prefer ?? [];
    const withPrefer = substitute(
      command,
      '-H "X-Auth-Token: test"',
      `-H "X-Auth-Token: test" -H "${header}"`,
    );
    const result = await run(
      "sh",
      ["-c", `${substitute(withPrefer, localMock, mockUrl)} -w '\n%{http_code}'`],
      {
        env: { PATH: toolPath },
      },
    );
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(status);
    expect(JSON.parse(lines.slice(0, -1).join("\n"))).toEqual(responseExample(status, name));
  });
});

describe("the CLI sample", () => {
  it("saves the image through the mock when pointed at it instead of the region", async () => {
    const script = substitute(sample("CLI").source, "--region cn-north-4", `--endpoint ${mockUrl}`);
    const result = await run("sh", ["-c", script], {
      env: {
        PATH: toolPath,
        HUAWEICLOUD_SDK_AK: "EXAMPLEACCESSKEY0000",
        HUAWEICLOUD_SDK_SK: "example-secret-key-for-the-mock",
        HUAWEICLOUD_SDK_PROJECT_ID: projectId,
      },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(String(example.id));
    expect(result.stdout).toContain(String(example.swr_path));
    expect(result.stdout).not.toContain("example-secret-key-for-the-mock");
  });
});

describe("the TypeScript samples", () => {
  it("type-check under the project's strict settings against the built @notebook-image/client", async () => {
    const dir = join(scratch, "typecheck");
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const typescriptSamples = codeSamples().filter((entry) => entry.lang === "TypeScript");
    expect(typescriptSamples.map((entry) => entry.label)).toEqual([
      "TypeScript (token)",
      "TypeScript (AK/SK)",
    ]);
    for (const file of (await readdir(samplesDir)).filter((name) => name.endsWith(".ts"))) {
      await copyFile(join(samplesDir, file), join(dir, file));
    }
    // A copy with a misspelt field must fail, or the check proves nothing.
    const token = await readFile(join(samplesDir, "typescript-token.ts"), "utf8");
    await writeFile(join(dir, "misspelt-field.ts"), substitute(token, "namespace:", "namespce:"));
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(docsDir, "..", "..", "tsconfig.base.json"),
        compilerOptions: { noEmit: true, types: ["node"] },
        include: ["*.ts"],
      }),
    );
    const tsc = require.resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
      env: { PATH: toolPath },
      cwd: dir,
    });
    const errorLines = result.stdout.split("\n").filter((line) => line.includes("error TS"));
    // Every error is in the deliberately broken copy, and it names the misspelt field.
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.filter((line) => !line.startsWith("misspelt-field.ts"))).toEqual([]);
    expect(errorLines.join("\n")).toContain("namespce");
  });
});
