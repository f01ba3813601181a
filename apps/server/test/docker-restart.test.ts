// kill -9 of the server (the bin, with the docker engine on a private podman host) while a save
// commits or pushes, then a start on the same data dir: the save ends ACTIVE with an image that
// pulls and runs with the changes, or CREATE_FAILED with the reason; either way the engine holds
// nothing of it afterwards (no intermediate image, no stray tag, no container) and the notebook's
// container runs again, unpaused.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createControlClient } from "../src/control/control-client.js";
import { DEV_NAMESPACE, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import { killBins, type StartedBin, startBin } from "./support/bin-process.js";
import { methodOf, pathOf, until } from "./support/harness.js";

// Big enough that commit and push each last long enough to be seen (about a second each here).
const CHANGED_BYTES = 32 * 1024 * 1024;

let host: EngineHost;
let docker: Docker;
const dirs: string[] = [];

beforeAll(async () => {
  host = await startEngineHost();
  docker = new Docker({ socketPath: host.socketPath });
});
afterAll(async () => {
  killBins();
  await host?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function call(server: StartedBin, operationId: string, params: Record<string, string>, body?: unknown) {
  const response = await fetch(
    `${server.url}${pathOf(operationId, { project_id: DEV_PROJECT_ID, ...params })}`,
    {
      method: methodOf(operationId),
      headers: { "x-auth-token": DEV_CREDENTIALS.token, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    },
  );
  return { status: response.status, body: await response.json() };
}

type Image = { status: string; status_message?: string; swr_path: string };
const showImage = async (server: StartedBin, id: string) =>
  (await call(server, "ShowImage", { id })).body as Image;
const saving = (image: Image) => image.status === "INIT" || image.status === "CREATING";

/** What the engine holds: every container with its state, every image with its names. */
async function engineContents() {
  const containers = await docker.listContainers({ all: true });
  const images = await docker.listImages({ all: true });
  return {
    containers: containers.map((c) => `${c.Id} ${c.State}`).sort(),
    images: images.map((i) => `${i.Id} ${[...(i.RepoTags ?? [])].sort().join(",")}`).sort(),
  };
}

/** A running notebook container (made through the server's control API) with CHANGED_BYTES of new data. */
async function changedNotebook(server: StartedBin): Promise<{ id: string; checksum: string }> {
  const { id } = await createControlClient(server.url).createNotebook({ image: host.baseImage });
  const [containerId] = await host.containersLabelled(`modelarts.notebook.id=${id}`);
  if (!containerId) throw new Error("the control API made no container");
  await host.exec(containerId, ["/bin/sh", "-c", `head -c ${CHANGED_BYTES} /dev/urandom > /root/data.bin`]);
  return { id, checksum: await host.exec(containerId, ["sha256sum", "/root/data.bin"]) };
}

/** Starts a save and kills the server (SIGKILL) once the save's status_message says it is at `phase`. */
async function killDuring(server: StartedBin, notebookId: string, phase: string): Promise<string> {
  const name = `restart-${phase}-${process.pid}`;
  const accepted = await call(server, "createImage", { id: notebookId }, { name, namespace: DEV_NAMESPACE });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  const imageId = accepted.body.id as string;
  const during = await until(
    () => showImage(server, imageId),
    (image) => !saving(image) || (image.status_message ?? "").startsWith(phase),
    60_000,
  );
  server.child.kill("SIGKILL");
  await server.exited;
  // Had the save ended before the kill, this test would prove nothing.
  expect(during.status_message).toMatch(new RegExp(`^${phase}`));
  return imageId;
}

/**
 * After the restart: the save ends ACTIVE, its image pulled and run holding the data, or
 * CREATE_FAILED with a reason; the engine holds what it held before the save (`before`); the
 * notebook is RUNNING.
 */
async function expectSettled(
  server: StartedBin,
  imageId: string,
  notebook: { id: string; checksum: string },
  before: Awaited<ReturnType<typeof engineContents>>,
): Promise<void> {
  const settled = await until(
    () => showImage(server, imageId),
    (image) => !saving(image),
    120_000,
  );
  if (settled.status === "CREATE_FAILED") {
    expect(settled.status_message, JSON.stringify(settled)).toMatch(/\S/);
  } else {
    expect(settled.status).toBe("ACTIVE");
  }
  // The same containers in the same states (the notebook's running, not left paused by the
  // commit), the same images with the same names: no intermediate image, no stray tag.
  await expect.poll(engineContents, { timeout: 15_000 }).toEqual(before);
  expect((await call(server, "ShowNotebook", { id: notebook.id })).body.status).toBe("RUNNING");
  if (settled.status === "ACTIVE") {
    await host.pull(settled.swr_path);
    expect(await host.run(settled.swr_path, ["sha256sum", "/root/data.bin"])).toBe(notebook.checksum);
    await docker.getImage(settled.swr_path).remove();
  }
}

describe("a restart while a save runs, with the docker engine", () => {
  it("kill -9 during the commit, then during the push, each followed by a start on the same data dir: ACTIVE and pullable, or CREATE_FAILED with the reason; nothing left on the engine", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "notebook-image-docker-restart-"));
    dirs.push(dataDir);
    const args = [
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--engine",
      "docker",
      "--registry-host",
      host.registryHost,
      "--transitions",
      "immediate",
      "--log-level",
      "silent",
    ];
    const env = { ...process.env, DOCKER_HOST: host.dockerHost };
    // Three starts on one data dir, two kills: one server start costs seconds (PGlite).
    const first = await startBin(args, env);
    const committing = await changedNotebook(first);
    const pushing = await changedNotebook(first);
    const before = await engineContents();

    const duringCommit = await killDuring(first, committing.id, "committing");
    const second = await startBin(args, env);
    await expectSettled(second, duringCommit, committing, before);

    const duringPush = await killDuring(second, pushing.id, "pushing");
    const third = await startBin(args, env);
    try {
      await expectSettled(third, duringPush, pushing, before);
    } finally {
      third.child.kill("SIGTERM");
      await third.exited;
    }
  }, 300_000); // Three server starts on PGlite, two commits and pushes of the data: minutes on a loaded machine.
});
