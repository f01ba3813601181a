// The whole path with the docker engine: a notebook is a container on a real (private) podman API
// service, a save through the client goes create-image → commit → push to a real registry →
// ACTIVE, and swr_path pulled back and run holds the changes. Every API response passes Prism's
// validating proxy. The failures the engine can meet end as the real service ends them.
import { randomUUID } from "node:crypto";
import { createNotebookImageClient, type NotebookImageClient } from "@notebook-image/client";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { createDockerEngine, type DockerEngine } from "../src/engine/docker/index.js";
import { execIn, runToCompletion } from "./support/containers.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness, until } from "./support/harness.js";

let host: EngineHost;
let docker: Docker;
let engine: DockerEngine;
let h: Harness;
let client: NotebookImageClient;

beforeAll(async () => {
  host = await startEngineHost();
  docker = new Docker({ socketPath: host.socketPath });
  engine = await createDockerEngine({ dockerHost: host.dockerHost, registryHost: host.registryHost });
  h = await startHarness({
    engine,
    registryHost: host.registryHost,
    transitions: { mode: "immediate" },
    worker: { pollMs: 50 },
  });
  client = createNotebookImageClient({
    projectId: DEV_PROJECT_ID,
    baseUrl: h.proxy.url,
    auth: { token: DEV_CREDENTIALS.token },
  });
});
afterAll(async () => {
  await h?.close();
  await host?.close();
});

/** A notebook instance that is a running container of the base image (through the control API). */
async function containerNotebook(): Promise<{ id: string; containerId: string }> {
  const id = randomUUID();
  const created = await h.control("POST", "/notebooks", { id, image: host.baseImage });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [container] = await docker.listContainers({ filters: { label: [`modelarts.notebook.id=${id}`] } });
  if (!container) throw new Error(`the control API made no container for notebook ${id}`);
  return { id, containerId: container.Id };
}

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

async function showImage(id: string) {
  const response = await h.api(methodOf("ShowImage"), pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id }));
  expect(response.status).toBe(200);
  return response.body as { id: string; status: string; status_message?: string; size?: number; swr_path: string };
}

async function showNotebook(id: string) {
  const response = await h.api(methodOf("ShowNotebook"), pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id }));
  expect(response.status).toBe(200);
  return response.body as { status: string; image: { id: string; swr_path: string } };
}

describe("saving a notebook container with the docker engine", () => {
  it("saves the changes through the client: the image is ACTIVE, pullable, and runs with the changes in it", async () => {
    const notebook = await containerNotebook();
    await execIn(docker, notebook.containerId, [
      "/bin/sh",
      "-c",
      [
        "echo 'my analysis' > /root/analysis.txt",
        // "Installing a package": a program on the PATH.
        "printf '#!/bin/sh\\necho fitted\\n' > /usr/local/bin/fit && chmod +x /usr/local/bin/fit",
        "head -c 2097152 /dev/urandom > /root/weights.bin",
      ].join(" && "),
    ]);
    const checksums = await execIn(docker, notebook.containerId, ["sha256sum", "/root/analysis.txt", "/root/weights.bin"]);

    const name = uniqueName("whole-path");
    const accepted = await client.saveInstanceAsImage(notebook.id, { name, namespace: DEV_NAMESPACE, tag: "v1" });
    const image = await client.waitForImage(accepted.id, { timeoutMs: 120_000, intervalMs: 100 });
    expect(image.status).toBe("ACTIVE");
    expect(image.swr_path).toBe(`${host.registryHost}/${DEV_NAMESPACE}/${name}:v1`);
    // The size is the registry's: at least the 2 MB of random data that cannot compress.
    expect(image.size).toBeGreaterThan(2_097_152);
    expect((await showNotebook(notebook.id)).image.id).toBe(image.id);

    await readToEnd(await docker.pull(image.swr_path, { authconfig: {} }));
    expect(await runToCompletion(docker, image.swr_path, ["sha256sum", "/root/analysis.txt", "/root/weights.bin"])).toBe(
      checksums,
    );
    expect(await runToCompletion(docker, image.swr_path, ["fit"])).toBe("fitted\n");
    // The save left no intermediate image behind.
    expect(await engine.intermediateImages()).toEqual([]);
  });

  it("ends CREATE_FAILED with the engine's message when the registry is down during the push", async () => {
    const notebook = await containerNotebook();
    await h.control("PUT", "/transitions", { mode: "manual" });
    try {
      const accepted = await client.saveInstanceAsImage(notebook.id, {
        name: uniqueName("registry-down"),
        namespace: DEV_NAMESPACE,
      });
      await host.stopRegistry();
      try {
        expect((await h.control("POST", `/images/${accepted.id}/advance`)).status).toBe(200);
        const failed = await until(
          () => showImage(accepted.id),
          (i) => i.status === "CREATE_FAILED",
          60_000,
        );
        expect(failed.status_message).toMatch(/connection refused/);
      } finally {
        await host.startRegistry();
      }
      expect((await showNotebook(notebook.id)).status).toBe("RUNNING");
      expect(await engine.intermediateImages()).toEqual([]);
    } finally {
      await h.control("PUT", "/transitions", { mode: "immediate" });
    }
  });
});

async function readToEnd(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream);
}
