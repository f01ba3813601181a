// The server's image, started by NotebookImageServerContainer on podman's Docker-compatible API: a
// save walks to ACTIVE through the client, the control API answers only with the control token, and
// the image is what the Containerfile promises (non-root, health check, labels, production only).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createNotebookImageClient } from "@notebook-image/client";
import {
  ControlRequestError,
  createControlClient,
  DEV_CREDENTIALS,
  DEV_NAMESPACE,
  DEV_NOTEBOOK_ID,
  DEV_PROJECT_ID,
} from "@notebook-image/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NotebookImageServerContainer, type StartedNotebookImageServerContainer } from "../src/index.js";

const run = promisify(execFile);
const images = inject("images");
const podmanEnv = inject("podmanEnv");

describe("the server's image under Testcontainers", () => {
  let server: StartedNotebookImageServerContainer;
  beforeAll(async () => {
    server = await new NotebookImageServerContainer(images.server).start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("saves a notebook as an image that reaches ACTIVE, through the client on the mapped port", async () => {
    const control = createControlClient(server.getBaseUrl(), { token: server.getControlToken() });
    await control.setTransitions({ mode: "immediate" });
    const client = createNotebookImageClient({
      baseUrl: server.getBaseUrl(),
      projectId: DEV_PROJECT_ID,
      auth: { token: DEV_CREDENTIALS.token },
    });
    const image = await client.saveInstanceAsImage(
      DEV_NOTEBOOK_ID,
      { name: "from-a-container", namespace: DEV_NAMESPACE, tag: "v1" },
      { wait: { pollIntervalMs: 100, timeoutMs: 60_000 } },
    );
    expect(image).toMatchObject({ name: "from-a-container", tag: "v1", status: "ACTIVE" });
  });

  it("serves the control API off loopback only to callers with the control token", async () => {
    const withoutToken = createControlClient(server.getBaseUrl());
    await expect(withoutToken.health()).rejects.toSatisfy(
      (error) => error instanceof ControlRequestError && error.httpStatus === 401,
    );
    const wrongToken = createControlClient(server.getBaseUrl(), { token: `${server.getControlToken()}x` });
    await expect(wrongToken.health()).rejects.toBeInstanceOf(ControlRequestError);
  });
});

/** `podman image inspect --format <format>` of the server's image. */
const inspect = async (format: string) =>
  (
    await run("podman", ["image", "inspect", "--format", format, images.server], { env: podmanEnv })
  ).stdout.trim();

describe("the server's image", () => {
  it("runs as the non-root user node, with its state in the volume /data", async () => {
    expect(await inspect("{{.Config.User}}")).toBe("node");
    expect(await inspect("{{json .Config.Volumes}}")).toBe('{"/data":{}}');
    expect(await inspect("{{json .Config.Cmd}}")).toBe('["--data-dir","/data"]');
  });

  it("carries the OCI labels: version (the package's), licence, title", async () => {
    const labels = JSON.parse(await inspect("{{json .Config.Labels}}"));
    expect(labels).toMatchObject({
      "org.opencontainers.image.title": "notebook-image-server",
      "org.opencontainers.image.version": images.server.split(":")[1],
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
  });
});

// One container of the image as `podman run <image>` starts it, for the tests below: what it runs and
// what it holds are both read from it (`podman exec`), rather than from a container each.
describe("the server's image run with its default command", () => {
  const name = `default-command-${process.pid}`;
  beforeAll(async () => {
    await run("podman", ["run", "--detach", "--name", name, images.server], { env: podmanEnv });
  });
  afterAll(async () => {
    await run("podman", ["rm", "--force", "--time", "0", name], { env: podmanEnv });
  });

  it("starts with its default command, state in /data, and again on the state it left", async () => {
    expect(await inspect("{{json .Config.Healthcheck.Test}}")).toContain("http://127.0.0.1:4020/");
    await healthy(name);
    const { stdout } = await run("podman", ["exec", name, "ls", "/data"], { env: podmanEnv });
    expect(stdout.split("\n")).toEqual(expect.arrayContaining(["pgdata", "server.lock"]));
    // The second start opens the data dir the first one left (its lock released by the stop).
    await run("podman", ["stop", "--time", "10", name], { env: podmanEnv });
    await run("podman", ["start", name], { env: podmanEnv });
    await healthy(name);
  });

  it("holds the server's production dependencies only: no dev dependency, no pnpm store", async () => {
    const script =
      "ls /app/node_modules/.pnpm; ls -d /root/.local/share/pnpm /home/node/.local/share/pnpm 2>&1 || true";
    // As the image's user (node), like the server itself.
    const { stdout } = await run("podman", ["exec", name, "sh", "-c", script], { env: podmanEnv });
    // The virtual store names each package `<name>@<version>` (a scope's slash as a "+").
    expect(stdout).toMatch(/^fastify@/m);
    for (const devOnly of [
      "vitest",
      "typescript",
      "@notebook-image\\+engine-host",
      "@notebook-image\\+mock",
    ]) {
      expect(stdout).not.toMatch(new RegExp(`^${devOnly}@`, "m"));
    }
    expect(stdout).toMatch(/\/root\/\.local\/share\/pnpm': (Permission denied|No such file)/);
    expect(stdout).toMatch(/\/home\/node\/\.local\/share\/pnpm': No such file/);
  });
});

/** Runs the image's health check until it passes (podman runs it from systemd timers, absent here). */
async function healthy(name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const check = await run("podman", ["healthcheck", "run", name], { env: podmanEnv }).then(
      () => "healthy",
      (error: { stdout?: string }) => error.stdout?.trim() ?? "failed",
    );
    if (check === "healthy") return;
    if (Date.now() > deadline)
      throw new Error(`the health check of ${name} still says "${check}" after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
