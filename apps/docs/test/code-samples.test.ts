// The x-codeSamples shown in the docs are real: the curl and CLI samples run against the Prism mock
// (only the endpoint changed) and the TypeScript samples type-check against the built client.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join, relative } from "node:path";
import {
  createControlClient,
  DEV_CREDENTIALS,
  type RunningServer,
  startServer,
} from "@notebook-image/server";
import { afterAll, describe, expect, inject, it } from "vitest";
import { codeSamplesByOperation, sampleDirs, samplePath } from "../scripts/code-samples.mjs";
import { docsDir } from "../scripts/paths.mjs";
import { run } from "./run.js";
import {
  type CodeSample,
  codeSamples,
  deref,
  firstResponseExample,
  operation,
  parameterExample,
  responseExample,
  spec,
} from "./spec.js";

const require = createRequire(import.meta.url);
const mockUrl = inject("mockUrl");
const example = responseExample("200", "SavedImage") as Record<string, unknown>;
const exampleRequest = deref(
  deref(deref(deref(deref(operation.requestBody).content)["application/json"]).examples).SavePytorchImage,
).value as Record<string, string>;
const projectId = parameterExample("ProjectId");
const instanceId = parameterExample("NotebookId");
const imageId = parameterExample("ImageId");
const scratch = join(docsDir, "test-results", "code-samples");
const clientSamplesDir = sampleDirs.client;

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

/**
 * A CURL_HOME whose .curlrc makes curl print the HTTP status on a line after the body, so a sample
 * is run as it is shown, without editing it.
 */
async function statusCurlHome(): Promise<string> {
  const curlHome = join(scratch, "curl-home");
  await mkdir(curlHome, { recursive: true });
  await writeFile(join(curlHome, ".curlrc"), 'write-out = "\\n%{http_code}"\n');
  return curlHome;
}

let sharedServer: Promise<RunningServer> | undefined;
afterAll(async () => {
  await (await sharedServer)?.close();
});

/**
 * The local server of the introduction's sections, as `pnpm server` starts it, back in its
 * ready-to-use state (POST /_control/reset: the seeded notebook, no image, its start's
 * transitions). One server for the file (each start ~1.3 CPU-s), started on first use.
 */
async function freshLocalServer(): Promise<RunningServer> {
  sharedServer ??= startServer();
  const server = await sharedServer;
  await createControlClient(server.url).reset();
  return server;
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe("x-codeSamples", () => {
  it("are woven from the sample files kept next to what they run, each file used once", async () => {
    const entries = Object.values(codeSamplesByOperation).flat();
    const used = entries.map((entry) => samplePath(entry));
    expect(new Set(used).size).toBe(used.length);
    for (const [owner, dir] of Object.entries(sampleDirs)) {
      for (const file of await filesUnder(dir))
        expect(used, `${owner} sample ${file}`).toContain(join(dir, file));
    }
  });

  it.each(Object.keys(codeSamplesByOperation))(
    "of %s are the files' contents, verbatim",
    async (operationId) => {
      const entries = codeSamplesByOperation[operationId] ?? [];
      const samples = codeSamples(operationId);
      expect(samples.map((entry) => entry.label)).toStrictEqual(entries.map((entry) => entry.label));
      for (const [index, entry] of entries.entries()) {
        expect(samples[index]?.source).toBe(await readFile(samplePath(entry), "utf8"));
      }
    },
  );

  it("are not in the source spec (spec/ holds none of its consumers' code)", () => {
    expect(JSON.stringify(spec)).not.toContain("x-codeSamples");
  });
});

describe("the curl sample", () => {
  const endpoint = "https://modelarts.cn-north-4.myhuaweicloud.com";

  async function runCurl(env: Record<string, string>) {
    const script = substitute(sample("curl").source, endpoint, mockUrl);
    return run("sh", ["-c", script], { env: { PATH: toolPath, CURL_HOME: await statusCurlHome(), ...env } });
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

describe.each(Object.keys(codeSamplesByOperation).filter((id) => id !== "createImage"))(
  "the curl sample of %s",
  (operationId) => {
    const endpoint = "https://modelarts.cn-north-4.myhuaweicloud.com";
    const curl = () => {
      const found = codeSamples(operationId).find((candidate) => candidate.label === "curl");
      if (!found) throw new Error(`${operationId} has no curl sample`);
      return substitute(found.source, endpoint, mockUrl);
    };
    const ids = { PROJECT_ID: projectId, INSTANCE_ID: instanceId, IMAGE_ID: imageId };
    async function runCurl(env: Record<string, string>) {
      return run("sh", ["-c", curl()], {
        env: { PATH: toolPath, CURL_HOME: await statusCurlHome(), ...env },
      });
    }

    it("gets 200 and the operation's first example from the mock", async () => {
      const result = await runCurl({ NOTEBOOK_IMAGE_TOKEN: "test-token", ...ids });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines.at(-1)).toBe("200");
      expect(JSON.parse(lines.slice(0, -1).join("\n"))).toEqual(firstResponseExample(operationId, "200"));
    });

    it("fails loudly when the token is missing (the mock answers 401)", async () => {
      const result = await runCurl(ids);
      expect(result.code).toBe(22);
      expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("401");
    });
  },
);

describe("the introduction's section on trying the API locally", () => {
  const page = String(deref(spec.info).description);
  const section = page.slice(page.indexOf("## Trying it locally"));
  const [command = "", serverCommands = ""] = [...section.matchAll(/```sh\n([\s\S]*?)\n```/g)].map(
    (block) => block[1],
  );
  const localMock = "http://127.0.0.1:4010";
  const localServer = "http://127.0.0.1:4020";

  it("shows commands no wider than the page's code blocks (about 60 characters)", () => {
    const wide = [command, serverCommands].flatMap((block) => block.split("\n")).filter((l) => l.length > 60);
    expect(wide).toEqual([]);
  });

  it("names the local server's development credentials as the server has them", () => {
    expect(section).toContain(`X-Auth-Token: ${DEV_CREDENTIALS.token}`);
    expect(section).toContain(`\`${DEV_CREDENTIALS.accessKey}\` /\n  \`${DEV_CREDENTIALS.secretKey}\``);
    expect(serverCommands).toContain(`X-Auth-Token: ${DEV_CREDENTIALS.token}`);
  });

  it("has commands that really save on the local server, then list the image saved", async () => {
    const server = await freshLocalServer();
    const curlHome = join(scratch, "curl-home-lines");
    await mkdir(curlHome, { recursive: true });
    await writeFile(join(curlHome, ".curlrc"), 'write-out = "\\n%{http_code}\\n"\n');
    const result = await run("sh", ["-c", substitute(serverCommands, localServer, server.url)], {
      env: { PATH: toolPath, CURL_HOME: curlHome },
    });
    expect(result.code, result.stderr).toBe(0);
    const [saved = "", savedStatus, listed = "", listedStatus] = result.stdout.trimEnd().split("\n");
    expect([savedStatus, listedStatus]).toEqual(["200", "200"]);
    const image = JSON.parse(saved);
    expect(image).toMatchObject({ status: "INIT", name: "my-image", tag: "v1" });
    expect(JSON.parse(listed).data.map((i: { id: string }) => i.id)).toEqual([image.id]);
  });

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

/** The code block in `lang` of the lifecycle section's loop. */
function loopBlock(lang: string): string {
  const page = String(deref(spec.info).description);
  const start = page.indexOf("### The loop:");
  const section = page.slice(start, page.indexOf("\n### ", start + 1));
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].find((b) => b[1] === lang)?.[2] ?? "";
}
/** The local server's address in the docs, replaced by a test server's. */
const LOCAL_SERVER = "http://127.0.0.1:4020";

describe("the lifecycle section's loop (create, wait, save, create from the saved image, stop, start, delete)", () => {
  /**
   * Runs `loop` against the local server, its instances and saves set to move at once (the waits
   * still poll), and checks that it left nothing behind: no notebook but the seeded ones, no saved image.
   */
  async function onServer(
    loop: (url: string) => Promise<{ code: number | null; stdout: string; stderr: string }>,
  ) {
    const server = await freshLocalServer();
    await createControlClient(server.url).setTransitions({ mode: "immediate" });
    const seeded = (await (await fetch(`${server.url}/_control/notebooks`)).json()).notebooks.length;
    const result = await loop(server.url);
    expect(result.code, result.stderr).toBe(0);
    const notebooks = (await (await fetch(`${server.url}/_control/notebooks`)).json()).notebooks;
    expect(notebooks).toHaveLength(seeded);
    const saved = await run(
      "sh",
      ["-c", `notebook-image image list --type DEDICATED --json --endpoint ${server.url}`],
      {
        env: {
          PATH: toolPath,
          NOTEBOOK_IMAGE_TOKEN: DEV_CREDENTIALS.token,
          HUAWEICLOUD_SDK_PROJECT_ID: projectId,
        },
      },
    );
    expect(JSON.parse(saved.stdout)).toEqual([]);
    return result;
  }

  it("with the CLI really runs on the local server and leaves nothing behind", {
    timeout: 180_000,
  }, async () => {
    const script = loopBlock("sh");
    expect(script).toContain("notebook create");
    await onServer((url) =>
      run("sh", ["-ec", substitute(script, LOCAL_SERVER, url)], { env: { PATH: toolPath } }),
    );
  });

  it("with the client type-checks, really runs on the local server and leaves nothing behind", {
    timeout: 180_000,
  }, async () => {
    expect(loopBlock("ts")).toContain("createNotebook(");
    const programs = await compilePrograms();
    expect(programs.errors.filter((line) => !line.startsWith("typecheck/misspelt-field.ts"))).toEqual([]);
    // Compiled as the docs show it; the local server's address is a string literal, replaced in
    // the JavaScript as it was in the TypeScript.
    const compiled = await readFile(join(programs.out, "loop", "loop.js"), "utf8");
    const result = await onServer(async (url) => {
      const loop = join(programs.out, "loop", "pointed.js");
      await writeFile(loop, substitute(compiled, LOCAL_SERVER, url));
      return run(process.execPath, [loop], { env: { PATH: toolPath }, cwd: programs.dir });
    });
    expect(result.stdout).toMatch(/^my-env:v1 made [0-9a-f-]{36}\n$/);
  });
});

const cliEntries = Object.values(codeSamplesByOperation)
  .flat()
  .filter((entry) => entry.owner === "cli");

/** What each CLI sample must print on stdout against the mock: values of the spec's examples. */
function expectedCliOutput(file: string): string[] {
  const activeImage = firstResponseExample("ShowImage", "200") as Record<string, unknown>;
  const page = firstResponseExample("ListImage", "200") as { data: Record<string, unknown>[] };
  const deleted = firstResponseExample("DeleteImage", "200") as Record<string, unknown>;
  const notebook = firstResponseExample("ShowNotebook", "200") as Record<string, Record<string, unknown>>;
  const listedNotebooks = firstResponseExample("ListNotebooks", "200") as { data: Record<string, unknown>[] };
  const stopping = firstResponseExample("StopNotebook", "200") as Record<string, unknown>;
  const deleting = firstResponseExample("DeleteNotebook", "200") as Record<string, unknown>;
  const updated = firstResponseExample("UpdateNotebook", "200") as Record<string, unknown>;
  const byFile: Record<string, string[]> = {
    "save.sh": [String(example.id), String(example.swr_path)],
    // --wait: create-image answers INIT, then the mock's first ShowImage example is the ACTIVE image.
    "save-and-wait.sh": [String(activeImage.id), String(activeImage.status), String(activeImage.swr_path)],
    "wait.sh": [String(activeImage.status), String(activeImage.swr_path)],
    "image-show.sh": [String(activeImage.id), String(activeImage.status), String(activeImage.swr_path)],
    "image-list.sh": page.data.map((image) => String(image.id)),
    "image-delete.sh": [String(deleted.id)],
    "notebook-show.sh": [String(notebook.id), String(notebook.status), String(notebook.image?.id)],
    // --wait: the mock's first ShowNotebook example is the RUNNING instance.
    "notebook-create.sh": [String(notebook.id), `is ${String(notebook.status)}`],
    "notebook-start.sh": [String(notebook.id), `is ${String(notebook.status)}`],
    "notebook-list.sh": listedNotebooks.data.map((n) => String(n.id)),
    "notebook-stop.sh": [`is ${String(stopping.status)}`],
    "notebook-delete.sh": [`is ${String(deleting.status)}`],
    "notebook-update.sh": [`${String(updated.name)} was updated`, String(updated.flavor)],
    "notebook-renew.sh": ["was renewed", "runs until"],
  };
  const expected = byFile[file];
  if (!expected) throw new Error(`say what ${file} prints against the mock`);
  return expected;
}
describe("the CLI samples", () => {
  it("are every file of the CLI's samples folder", async () => {
    expect(cliEntries.map((entry) => entry.file).sort()).toStrictEqual(
      (await readdir(sampleDirs.cli)).sort(),
    );
  });

  it.each(cliEntries.map((entry) => [entry.file, entry] as const))(
    "%s works on the mock when pointed at it instead of the region",
    async (file, entry) => {
      const source = await readFile(samplePath(entry), "utf8");
      const script = substitute(source, "--region cn-north-4", `--endpoint ${mockUrl}`);
      const result = await run("sh", ["-c", script], {
        env: {
          PATH: toolPath,
          HUAWEICLOUD_SDK_AK: "EXAMPLEACCESSKEY0000",
          HUAWEICLOUD_SDK_SK: "example-secret-key-for-the-mock",
          HUAWEICLOUD_SDK_PROJECT_ID: projectId,
        },
      });
      expect(result.code, result.stderr).toBe(0);
      for (const piece of expectedCliOutput(file)) expect(result.stdout).toContain(piece);
      expect(result.stdout + result.stderr).not.toContain("example-secret-key-for-the-mock");
    },
  );
});

const typescriptEntries = Object.values(codeSamplesByOperation)
  .flat()
  .filter((entry) => entry.lang === "TypeScript");

/** What each TypeScript sample must print when run against the mock: values of the spec's examples. */
function expectedOutput(file: string): string[] {
  const activeImage = firstResponseExample("ShowImage", "200") as Record<string, unknown>;
  const page = firstResponseExample("ListImage", "200") as { data: Record<string, unknown>[] };
  const deleted = firstResponseExample("DeleteImage", "200") as Record<string, unknown>;
  const notebook = firstResponseExample("ShowNotebook", "200") as Record<string, Record<string, unknown>>;
  const byFile: Record<string, string[]> = {
    "create-image-token.ts": [String(example.id), String(example.swr_path)],
    "create-image-aksk.ts": [String(example.id), String(example.swr_path)],
    // create-image answers INIT; the mock's first ShowImage example is the ACTIVE image.
    "create-image-and-wait.ts": [String(example.status), `ready: ${String(activeImage.swr_path)}`],
    "wait-for-image.ts": [String(activeImage.status), `ready: ${String(activeImage.swr_path)}`],
    "list-images.ts": page.data.map((image) => String(image.id)),
    "delete-image.ts": [`${String(deleted.id)} is ${String(deleted.status)}`],
    "show-notebook.ts": [
      String(notebook.status),
      String(notebook.image?.id),
      String(notebook.volume?.mount_path),
    ],
  };
  const expected = byFile[file];
  if (!expected) throw new Error(`say what ${file} prints against the mock`);
  return expected;
}

describe("the TypeScript samples", () => {
  it("are every .ts file of the client's samples folder", async () => {
    const files = (await readdir(clientSamplesDir)).filter((name) => name.endsWith(".ts")).sort();
    expect(typescriptEntries.map((entry) => entry.file).sort()).toStrictEqual(files);
  });

  it("type-check under the project's strict settings against the built @notebook-image/client", async () => {
    const { errors } = await compilePrograms();
    // Every error is in the deliberately broken copy, and it names the misspelt field.
    expect(errors.filter((line) => line.startsWith("typecheck/misspelt-field.ts")).length).toBeGreaterThan(0);
    expect(errors.filter((line) => !line.startsWith("typecheck/misspelt-field.ts"))).toEqual([]);
    expect(errors.join("\n")).toContain("namespce");
  });

  describe("run against the mock (compiled with tsc, the region swapped for the mock's URL)", () => {
    it.each(typescriptEntries.map((entry) => [entry.file] as const))("%s", async (file) => {
      const programs = await compilePrograms();
      expect(programs.errors.filter((line) => line.startsWith("run/"))).toEqual([]);
      const result = await run(process.execPath, [join(programs.out, "run", file.replace(/\.ts$/, ".js"))], {
        env: {
          PATH: toolPath,
          NOTEBOOK_IMAGE_TOKEN: "test-token",
          HUAWEICLOUD_SDK_AK: "EXAMPLEACCESSKEY0000",
          HUAWEICLOUD_SDK_SK: "example-secret-key-for-the-mock",
          HUAWEICLOUD_SDK_PROJECT_ID: projectId,
        },
        cwd: programs.dir,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      for (const piece of expectedOutput(file)) expect(result.stdout).toContain(piece);
    });
  });
});

let compiled: Promise<{ dir: string; out: string; errors: string[] }> | undefined;

/**
 * Every TypeScript program of this file, compiled by one tsc run under the project's strict
 * settings against the built client (a run costs ~3 CPU-s, most of it reading the Node.js and ES
 * declarations): typecheck/ holds the samples as shown and a copy with a misspelt field, which must
 * fail; run/ the samples with the region swapped for the mock's URL; loop/ the lifecycle section's
 * loop as shown. Resolves with the folder, its out/ and tsc's error lines.
 */
function compilePrograms(): Promise<{ dir: string; out: string; errors: string[] }> {
  compiled ??= (async () => {
    const dir = join(scratch, "programs");
    await rm(dir, { recursive: true, force: true });
    for (const part of ["typecheck", "run", "loop"]) await mkdir(join(dir, part), { recursive: true });
    for (const entry of typescriptEntries) {
      const source = await readFile(samplePath(entry), "utf8");
      await writeFile(join(dir, "typecheck", entry.file), source);
      await writeFile(
        join(dir, "run", entry.file),
        substitute(source, 'region: "cn-north-4",', `baseUrl: ${JSON.stringify(mockUrl)},`),
      );
    }
    const token = await readFile(join(clientSamplesDir, "create-image-token.ts"), "utf8");
    await writeFile(
      join(dir, "typecheck", "misspelt-field.ts"),
      substitute(token, "namespace:", "namespce:"),
    );
    await writeFile(join(dir, "loop", "loop.ts"), loopBlock("ts"));
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(docsDir, "..", "..", "tsconfig.base.json"),
        compilerOptions: {
          rootDir: ".",
          outDir: "out",
          declaration: false,
          sourceMap: false,
          types: ["node"],
        },
        include: ["*/*.ts"],
      }),
    );
    const result = await tsc(dir);
    const errors = result.stdout.split("\n").filter((line) => line.includes("error TS"));
    return { dir, out: join(dir, "out"), errors };
  })();
  return compiled;
}

function tsc(dir: string) {
  const bin = require.resolve("typescript/bin/tsc");
  return run(process.execPath, [bin, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
    env: { PATH: toolPath },
    cwd: dir,
  });
}
