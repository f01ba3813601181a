// The mock's image, started by NotebookImageMockContainer: the CLI (apps/cli) saves a notebook
// against it, as a CI pipeline with the mock as a service would.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "@notebook-image/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NotebookImageMockContainer, type StartedNotebookImageMockContainer } from "../src/index.js";

const run = promisify(execFile);
const images = inject("images");
const podmanEnv = inject("podmanEnv");

/** The CLI's bin, as its package declares it. */
function cliBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve("@notebook-image/cli/package.json");
  const { bin } = createRequire(import.meta.url)(manifestPath) as { bin: Record<string, string> };
  return join(dirname(manifestPath), bin["notebook-image"] ?? "");
}

describe("the mock's image under Testcontainers", () => {
  let mock: StartedNotebookImageMockContainer;
  beforeAll(async () => {
    mock = await new NotebookImageMockContainer(images.mock).start();
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("answers the CLI's save with the spec's example image", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        cliBin(),
        "save",
        DEV_NOTEBOOK_ID,
        "--name",
        "from-the-cli",
        "--namespace",
        DEV_NAMESPACE,
        "--project-id",
        DEV_PROJECT_ID,
        "--endpoint",
        mock.getBaseUrl(),
        "--json",
      ],
      { env: { ...process.env, NOTEBOOK_IMAGE_TOKEN: DEV_CREDENTIALS.token }, timeout: 60_000 },
    );
    const image = JSON.parse(stdout);
    expect(image.id).toEqual(expect.any(String));
    expect(image.swr_path).toEqual(expect.any(String));
  });
});

describe("the mock's image", () => {
  it("runs as the non-root user node and carries the OCI labels", async () => {
    const { stdout } = await run(
      "podman",
      ["image", "inspect", "--format", "{{.Config.User}} {{json .Config.Labels}}", images.mock],
      { env: podmanEnv },
    );
    const [user, labels] = [
      stdout.slice(0, stdout.indexOf(" ")),
      JSON.parse(stdout.slice(stdout.indexOf(" ") + 1)),
    ];
    expect(user).toBe("node");
    expect(labels).toMatchObject({
      "org.opencontainers.image.title": "notebook-image-mock",
      "org.opencontainers.image.version": images.mock.split(":")[1],
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
  });
});
