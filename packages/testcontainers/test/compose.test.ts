// compose.yaml (the README's) starts with podman-compose on the private podman: the server on
// PostgreSQL (--database-url; a stand-in image of Debian's postgresql, the official one being out of
// reach here) saves an image to ACTIVE, and the mock answers.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { createNotebookImageClient } from "@notebook-image/client";
import {
  createControlClient,
  DEV_CREDENTIALS,
  DEV_NAMESPACE,
  DEV_NOTEBOOK_ID,
  DEV_PROJECT_ID,
} from "@notebook-image/server";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "./build-host.js";

const run = promisify(execFile);
const images = inject("images");
const podmanEnv = inject("podmanEnv");
const project = `compose-test-${process.pid}`;
const controlToken = `compose-${process.pid}-control-token`;
const COMPOSE_TIMEOUT_MS = 180_000;

/** Calls `attempt` until it resolves, for at most `timeoutMs`; then fails with its last error. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`still failing after ${timeoutMs} ms: ${String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("compose.yaml under podman-compose", () => {
  let serverUrl: string;
  let mockUrl: string;
  let env: NodeJS.ProcessEnv;
  const compose = (...args: string[]) =>
    run("podman-compose", ["--file", join(REPO_ROOT, "compose.yaml"), "--project-name", project, ...args], {
      env,
      timeout: COMPOSE_TIMEOUT_MS,
    });

  beforeAll(async () => {
    const [serverPort, mockPort] = [
      await getPort({ host: "127.0.0.1" }),
      await getPort({ host: "127.0.0.1" }),
    ];
    serverUrl = `http://127.0.0.1:${serverPort}`;
    mockUrl = `http://127.0.0.1:${mockPort}`;
    env = {
      ...podmanEnv,
      NOTEBOOK_IMAGE_SERVER_IMAGE: images.server,
      NOTEBOOK_IMAGE_MOCK_IMAGE: images.mock,
      POSTGRES_IMAGE: images.postgres,
      NOTEBOOK_IMAGE_SERVER_PORT: String(serverPort),
      NOTEBOOK_IMAGE_MOCK_PORT: String(mockPort),
      NOTEBOOK_IMAGE_SERVER_CONTROL_TOKEN: controlToken,
    };
    await compose("up", "--detach");
  });
  afterAll(async () => {
    await compose("down", "--volumes", "--timeout", "0").catch(() => undefined);
    await run("podman", ["network", "rm", "--force", `${project}_default`], { env }).catch(() => undefined);
  });

  it("starts the server on PostgreSQL, where a save reaches ACTIVE", async () => {
    const control = createControlClient(serverUrl, { token: controlToken, timeoutMs: 5_000 });
    await eventually(() => control.health(), COMPOSE_TIMEOUT_MS);
    const { stdout } = await run("podman", ["logs", `${project}_server_1`], { env });
    expect(stdout).toContain("PostgreSQL (--database-url)");

    await control.setTransitions({ mode: "immediate" });
    const client = createNotebookImageClient({
      baseUrl: serverUrl,
      projectId: DEV_PROJECT_ID,
      auth: { token: DEV_CREDENTIALS.token },
    });
    const image = await client.saveInstanceAsImage(
      DEV_NOTEBOOK_ID,
      { name: "from-compose", namespace: DEV_NAMESPACE, tag: "v1" },
      { wait: { pollIntervalMs: 100, timeoutMs: 60_000 } },
    );
    expect(image.status).toBe("ACTIVE");
    // The image is kept in PostgreSQL: a new server process (the container restarted) still has it.
    await run("podman", ["restart", "--time", "0", `${project}_server_1`], {
      env,
      timeout: COMPOSE_TIMEOUT_MS,
    });
    await eventually(() => control.health(), COMPOSE_TIMEOUT_MS);
    expect(await client.getImage(image.id)).toMatchObject({ id: image.id, status: "ACTIVE" });
  });

  it("starts the mock", async () => {
    // Any answer is Prism's: a path outside the spec gets its 404.
    const response = await eventually(
      () => fetch(`${mockUrl}/`, { signal: AbortSignal.timeout(5_000) }),
      COMPOSE_TIMEOUT_MS,
    );
    expect(response.status).toBe(404);
  });
});
