// The loop of issue 26 on the docker engine (a private podman service and registry), through the
// public API only (the client, over Prism's validating proxy): a notebook created from a built-in
// image is a container pulled from the registry, a file written in it is saved, the saved image
// creates a second notebook whose container holds that file, both are stopped, started and
// deleted, the image after them, and nothing is left on the engine or in the registry. The engine
// is reached only to write and read the file, as the README does (exec).
import {
  createNotebook,
  createNotebookImageClient,
  deleteNotebook,
  listImages,
  type NotebookImageClient,
  renewNotebookLease,
  saveInstanceAsImageAndWait,
  startNotebook,
  stopNotebook,
  updateNotebook,
  waitForNotebook,
} from "@notebook-image/client";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { createDockerEngine, type DockerEngine } from "../src/engine/docker/index.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type Harness, startHarness } from "./support/harness.js";

let host: EngineHost;
let docker: Docker;
let engine: DockerEngine;
let h: Harness;
let client: NotebookImageClient;

beforeAll(async () => {
  host = await startEngineHost();
  docker = new Docker({ socketPath: host.socketPath });
  engine = await createDockerEngine({
    dockerHost: host.dockerHost,
    registryHost: host.registryHost,
    builtInBase: host.baseImage,
  });
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

const wait = { pollIntervalMs: 100, timeoutMs: 120_000 };
const volume = { category: "EVS", ownership: "MANAGED" } as const;
const ID_LABEL = "modelarts.notebook.id";

async function builtInImages() {
  const images = [];
  for await (const image of listImages(client, { type: "BUILD_IN" })) images.push(image);
  return images;
}

/** The notebook's container: exactly one is labelled with its id. */
async function containerOf(notebookId: string): Promise<Docker.ContainerInspectInfo> {
  const ids = await host.containersLabelled(`${ID_LABEL}=${notebookId}`);
  expect(ids).toHaveLength(1);
  return docker.getContainer(ids[0] as string).inspect();
}

async function volumesOf(notebookId: string): Promise<string[]> {
  const { Volumes } = await docker.listVolumes({ filters: { label: [`${ID_LABEL}=${notebookId}`] } });
  return (Volumes ?? []).map((v) => v.Name);
}

/** The registry's answer to a HEAD of `swrPath`'s manifest: 200 when the tag is there, 404 when not. */
async function manifestStatus(swrPath: string | undefined): Promise<number> {
  const [, repository, tag] = /^[^/]+\/(.+):([^:/]+)$/.exec(swrPath ?? "") ?? [];
  if (!repository || !tag) throw new Error(`not a swr_path: ${swrPath}`);
  const answer = await fetch(`http://${host.registryHost}/v2/${repository}/manifests/${tag}`, {
    method: "HEAD",
    headers: {
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    },
  });
  return answer.status;
}

const sha256 = (containerId: string, path: string) => host.exec(containerId, ["sha256sum", path]);

describe("the notebook loop on the docker engine, through the client", () => {
  it("create from a built-in image, write a file, save, create from the saved image and find the file, stop, start, delete: nothing left", async () => {
    const [base] = await builtInImages();
    if (!base) throw new Error("no built-in image listed");
    // A fresh registry: the built-in image is pushed there by the first notebook that needs it.
    expect(await manifestStatus(base.swr_path)).toBe(404);

    const first = await createNotebook(client, {
      name: "docker-loop-first",
      flavor: "modelarts.vm.cpu.2u",
      image_id: base.id,
      volume,
    });
    expect(first.status).toBe("CREATING");
    expect((await waitForNotebook(client, first.id, { ...wait, until: "RUNNING" }))?.status).toBe("RUNNING");
    expect(await manifestStatus(base.swr_path)).toBe(200);
    const firstContainer = await containerOf(first.id);
    expect(firstContainer.Config.Image).toBe(base.swr_path);
    expect(firstContainer.Mounts).toEqual([
      expect.objectContaining({ Type: "volume", Destination: "/home/ma-user/work" }),
    ]);

    // A file of the container's own file system is saved; one on the work volume is not.
    await host.exec(firstContainer.Id, [
      "/bin/sh",
      "-c",
      "head -c 1048576 /dev/urandom > /home/ma-user/model.bin && echo scratch > /home/ma-user/work/scratch.txt",
    ]);
    const checksum = await sha256(firstContainer.Id, "/home/ma-user/model.bin");

    const image = await saveInstanceAsImageAndWait(
      client,
      first.id,
      { name: `docker-loop-${process.pid}`, namespace: DEV_NAMESPACE, tag: "v1" },
      { wait },
    );
    expect(image.status).toBe("ACTIVE");
    expect((await client.getNotebook(first.id)).image?.id).toBe(image.id);

    const second = await createNotebook(client, {
      name: "docker-loop-second",
      flavor: "modelarts.vm.cpu.2u",
      image_id: image.id,
      volume,
    });
    expect(second.image).toMatchObject({ id: image.id, type: "DEDICATED" });
    await waitForNotebook(client, second.id, { ...wait, until: "RUNNING" });
    const secondContainer = await containerOf(second.id);
    expect(secondContainer.Config.Image).toBe(image.swr_path);
    expect(await sha256(secondContainer.Id, "/home/ma-user/model.bin")).toBe(checksum);
    expect(await host.exec(secondContainer.Id, ["ls", "-A", "/home/ma-user/work"])).toBe("");

    for (const notebook of [first, second]) {
      expect((await stopNotebook(client, notebook.id)).status).toBe("STOPPING");
      await waitForNotebook(client, notebook.id, { ...wait, until: "STOPPED" });
      expect((await containerOf(notebook.id)).State.Running).toBe(false);
      // Stopped, it can be renamed; its image stays the container's (this engine does not swap it).
      const renamed = await updateNotebook(client, notebook.id, { name: `${notebook.name}-renamed` });
      expect(renamed).toMatchObject({ name: `${notebook.name}-renamed`, status: "STOPPED" });
      await expect(updateNotebook(client, notebook.id, { image_id: base.id })).rejects.toMatchObject({
        errorCode: "ModelArts.6336",
      });
      expect((await startNotebook(client, notebook.id)).status).toBe("STARTING");
      await waitForNotebook(client, notebook.id, { ...wait, until: "RUNNING" });
      expect((await containerOf(notebook.id)).State.Running).toBe(true);
      const lease = await renewNotebookLease(client, notebook.id, { duration: 7_200_000 });
      expect((lease.create_at ?? 0) + (lease.duration ?? 0) - (lease.update_at ?? 0)).toBe(7_200_000);
    }
    // Started again, the second still holds the saved file.
    expect(await sha256(secondContainer.Id, "/home/ma-user/model.bin")).toBe(checksum);

    for (const notebook of [first, second]) {
      expect((await deleteNotebook(client, notebook.id)).status).toBe("DELETING");
      expect(await waitForNotebook(client, notebook.id, { ...wait, until: "DELETED" })).toBeUndefined();
    }
    expect((await client.deleteImage(image.id, { force: true }))?.status).toBe("DELETED");

    for (const notebook of [first, second]) {
      expect(await host.containersLabelled(`${ID_LABEL}=${notebook.id}`)).toEqual([]);
      expect(await volumesOf(notebook.id)).toEqual([]);
    }
    expect(await manifestStatus(image.swr_path)).toBe(404);
    await expect(docker.getImage(image.swr_path ?? "").inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect.poll(() => engine.intermediateImages(), { timeout: 10_000 }).toEqual([]);
    // The built-in image stays in the registry: it is the catalogue's.
    expect(await manifestStatus(base.swr_path)).toBe(200);
  });

  it("a notebook whose image cannot reach the registry ends CREATE_FAILED with the engine's reason, and is deleted", async () => {
    const unused = (await builtInImages()).at(-1);
    if (!unused) throw new Error("no built-in image listed");
    await host.stopRegistry();
    let notebookId: string;
    try {
      const notebook = await createNotebook(client, {
        name: "docker-loop-no-registry",
        flavor: "modelarts.vm.cpu.2u",
        image_id: unused.id,
        volume,
      });
      notebookId = notebook.id;
      const failure = await waitForNotebook(client, notebook.id, { ...wait, until: "RUNNING" }).catch(
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ name: "NotebookFailedError" });
      const failed = await client.getNotebook(notebook.id);
      expect(failed.status).toBe("CREATE_FAILED");
      expect(failed.fail_reason).toMatch(/connection refused|ECONNREFUSED/);
    } finally {
      await host.startRegistry();
    }
    expect(await host.containersLabelled(`${ID_LABEL}=${notebookId}`)).toEqual([]);
    await deleteNotebook(client, notebookId);
    expect(await waitForNotebook(client, notebookId, { ...wait, until: "DELETED" })).toBeUndefined();
    expect(await volumesOf(notebookId)).toEqual([]);
  });
});
