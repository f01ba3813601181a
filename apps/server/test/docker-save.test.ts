// The whole path with the docker engine: a notebook is a container on a real (private) podman API
// service, a save through the client goes create-image → commit → push to a real registry →
// ACTIVE, and swr_path pulled back and run holds the changes. Every API response passes Prism's
// validating proxy. The failures the engine can meet end as the real service ends them.
import { randomUUID } from "node:crypto";
import {
  createNotebookImageClient,
  ImageSaveFailedError,
  ModelArtsApiError,
  type NotebookImageClient,
} from "@notebook-image/client";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { createDockerEngine, type DockerEngine } from "../src/engine/docker/index.js";
import { EngineError } from "../src/engine/engine.js";
import {
  DEV_CREDENTIALS,
  DEV_PROJECT_ID,
  type Harness,
  methodOf,
  pathOf,
  startHarness,
  until,
} from "./support/harness.js";

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
  const response = await h.api(
    methodOf("ShowImage"),
    pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id }),
  );
  expect(response.status).toBe(200);
  return response.body as {
    id: string;
    status: string;
    status_message?: string;
    size?: number;
    swr_path: string;
  };
}

async function showNotebook(id: string) {
  const response = await h.api(
    methodOf("ShowNotebook"),
    pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id }),
  );
  expect(response.status).toBe(200);
  return response.body as { status: string; image: { id: string; swr_path: string } };
}

describe("saving a notebook container with the docker engine", () => {
  it("saves the changes through the client: the image is ACTIVE, pullable, and runs with the changes in it", async () => {
    const notebook = await containerNotebook();
    await host.exec(notebook.containerId, [
      "/bin/sh",
      "-c",
      [
        "echo 'my analysis' > /root/analysis.txt",
        // "Installing a package": a program on the PATH.
        "printf '#!/bin/sh\\necho fitted\\n' > /usr/local/bin/fit && chmod +x /usr/local/bin/fit",
        "head -c 2097152 /dev/urandom > /root/weights.bin",
      ].join(" && "),
    ]);
    const checksums = await host.exec(notebook.containerId, [
      "sha256sum",
      "/root/analysis.txt",
      "/root/weights.bin",
    ]);

    const name = uniqueName("whole-path");
    const accepted = await client.saveInstanceAsImage(notebook.id, {
      name,
      namespace: DEV_NAMESPACE,
      tag: "v1",
    });
    const phases: string[] = [];
    const image = await client.waitForImage(accepted.id, {
      timeoutMs: 120_000,
      pollIntervalMs: 50,
      onProgress: (polled) => phases.push(polled.status),
    });
    expect(image.status).toBe("ACTIVE");
    expect(phases.at(-1)).toBe("ACTIVE");
    const swrPath = `${host.registryHost}/${DEV_NAMESPACE}/${name}:v1`;
    expect(image.swr_path).toBe(swrPath);
    // The size is the registry's, in KB as ModelArts documents it: at least the 2 MB of random
    // data that cannot compress, plus the ~1 MB of the busybox base layer, gzipped.
    expect(image.size).toBeGreaterThan(2_048);
    expect(image.size).toBeLessThan(2_048 + 3_000);
    expect((await showNotebook(notebook.id)).image.id).toBe(image.id);

    await host.pull(swrPath);
    expect(await host.run(swrPath, ["sha256sum", "/root/analysis.txt", "/root/weights.bin"])).toBe(checksums);
    expect(await host.run(swrPath, ["fit"])).toBe("fitted\n");
    // The save left no intermediate image behind.
    await expect.poll(() => engine.intermediateImages(), { timeout: 10_000 }).toEqual([]);
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
        const failure = await client
          .waitForImage(accepted.id, { timeoutMs: 60_000, pollIntervalMs: 50 })
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ImageSaveFailedError);
        expect((failure as ImageSaveFailedError).image.status).toBe("CREATE_FAILED");
        expect((failure as ImageSaveFailedError).statusMessage).toMatch(/connection refused/);
      } finally {
        await host.startRegistry();
      }
      expect((await showNotebook(notebook.id)).status).toBe("RUNNING");
      await expect.poll(() => engine.intermediateImages(), { timeout: 10_000 }).toEqual([]);
    } finally {
      await h.control("PUT", "/transitions", { mode: "immediate" });
    }
  });

  it("refuses a notebook whose container was stopped or paused, as ModelArts refuses a stopped or frozen instance", async () => {
    const stopped = await containerNotebook();
    await docker.getContainer(stopped.containerId).stop({ t: 5 });
    expect((await showNotebook(stopped.id)).status).toBe("STOPPED");
    const refusal = await client
      .saveInstanceAsImage(stopped.id, { name: uniqueName("stopped"), namespace: DEV_NAMESPACE })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ModelArtsApiError);
    expect((refusal as ModelArtsApiError).errorCode).toBe("ModelArts.6307");

    const paused = await containerNotebook();
    await docker.getContainer(paused.containerId).pause();
    expect((await showNotebook(paused.id)).status).toBe("FROZEN");
    await docker.getContainer(paused.containerId).unpause();
    expect((await showNotebook(paused.id)).status).toBe("RUNNING");
  });

  it("ends CREATE_FAILED with the reason when the container stops after the save was accepted", async () => {
    const notebook = await containerNotebook();
    await h.control("PUT", "/transitions", { mode: "manual" });
    try {
      const accepted = await client.saveInstanceAsImage(notebook.id, {
        name: uniqueName("stopped-later"),
        namespace: DEV_NAMESPACE,
      });
      await docker.getContainer(notebook.containerId).stop({ t: 5 });
      expect((await h.control("POST", `/images/${accepted.id}/advance`)).status).toBe(200);
      const failed = await until(
        () => showImage(accepted.id),
        (i) => i.status === "CREATE_FAILED",
        60_000,
      );
      expect(failed.status_message).toMatch(/container is exited/);
      // The save is over: the notebook is the container's again.
      expect((await showNotebook(notebook.id)).status).toBe("STOPPED");
    } finally {
      await h.control("PUT", "/transitions", { mode: "immediate" });
    }
  });

  it("of two saves of one container at once, refuses one", async () => {
    const notebook = await containerNotebook();
    const results = await Promise.allSettled(
      ["first", "second"].map((tag) =>
        client.saveInstanceAsImage(notebook.id, { name: uniqueName("twice"), namespace: DEV_NAMESPACE, tag }),
      ),
    );
    const accepted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as ModelArtsApiError] : []));
    expect(accepted).toHaveLength(1);
    expect(refused.map((error) => error.errorCode)).toEqual([
      expect.stringMatching(/^ModelArts\.(2880|6357)$/),
    ]);
    const saved = await waitForImage(accepted[0]?.id ?? "");
    expect(saved.status).toBe("ACTIVE");
    // The refused save's snapshot, begun while it was checked, is gone too.
    await expect.poll(() => engine.intermediateImages(), { timeout: 10_000 }).toEqual([]);
  });

  it("refuses a name and tag that exist in the registry though the server never made them (2884)", async () => {
    const name = uniqueName("pushed-elsewhere");
    const ref = `${host.registryHost}/${DEV_NAMESPACE}/${name}`;
    await docker.getImage(host.baseImage).tag({ repo: ref, tag: "v1" });
    await readToEnd(await docker.getImage(ref).push({ tag: "v1", authconfig: {} }));
    const notebook = await containerNotebook();
    const refusal = await client
      .saveInstanceAsImage(notebook.id, { name, namespace: DEV_NAMESPACE, tag: "v1" })
      .catch((error: unknown) => error);
    expect((refusal as ModelArtsApiError).errorCode).toBe("ModelArts.2884");
    // Its commit began while the registry was asked: refused once that snapshot is gone.
    expect(await engine.intermediateImages()).toEqual([]);
    expect((await docker.getContainer(notebook.containerId).inspect()).State.Status).toBe("running");
  });

  it("DeleteImage with force removes the tag from the registry", async () => {
    const notebook = await containerNotebook();
    const name = uniqueName("deleted");
    const accepted = await client.saveInstanceAsImage(notebook.id, {
      name,
      namespace: DEV_NAMESPACE,
      tag: "v1",
    });
    expect((await waitForImage(accepted.id)).status).toBe("ACTIVE");
    const manifest = `http://${host.registryHost}/v2/${DEV_NAMESPACE}/${name}/manifests/v1`;
    const accept = {
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    };
    expect((await fetch(manifest, { method: "HEAD", headers: accept })).status).toBe(200);
    const deleted = await h.api(
      methodOf("DeleteImage"),
      pathOf("DeleteImage", { project_id: DEV_PROJECT_ID, id: accepted.id }),
      {
        query: { force: "true" },
      },
    );
    expect(deleted.status, JSON.stringify(deleted.body)).toBeLessThan(300);
    expect((await fetch(manifest, { method: "HEAD", headers: accept })).status).toBe(404);
  });
});

describe("saves that fail after their push, with the docker engine", () => {
  // One server for both: its engine has a --max-image-size, and cannot measure an image named
  // unmeasurable-* (as when the registry's manifest cannot be read after the push).
  let failing: Harness;
  beforeAll(async () => {
    const limited = await createDockerEngine({
      dockerHost: host.dockerHost,
      registryHost: host.registryHost,
      maxImageSizeBytes: 1_500_000,
    });
    const engine: DockerEngine = {
      ...limited,
      size: (target, ctx) =>
        target.name.startsWith("unmeasurable")
          ? Promise.reject(
              new EngineError("engine-unavailable", "the registry could not read the manifest: HTTP 500"),
            )
          : limited.size(target, ctx),
    };
    failing = await startHarness({
      engine,
      registryHost: host.registryHost,
      transitions: { mode: "immediate" },
      worker: { pollMs: 50 },
    });
  });
  afterAll(() => failing?.close());

  /** Saves a new notebook container holding 1 MB of new data; resolves once the save is over. */
  async function saveOnFailing(name: string) {
    const id = randomUUID();
    expect((await failing.control("POST", "/notebooks", { id, image: host.baseImage })).status).toBe(201);
    const [containerId] = await host.containersLabelled(`modelarts.notebook.id=${id}`);
    await host.exec(containerId ?? "", ["/bin/sh", "-c", "head -c 1048576 /dev/urandom > /root/big.bin"]);
    const created = await failing.api(
      methodOf("createImage"),
      pathOf("createImage", { project_id: DEV_PROJECT_ID, id }),
      { body: { name, namespace: DEV_NAMESPACE } },
    );
    expect(created.status).toBe(200);
    return until(
      async () =>
        (
          await failing.api(
            methodOf("ShowImage"),
            pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: created.body.id }),
          )
        ).body as { status: string; status_message?: string; swr_path: string },
      (image) => image.status !== "INIT" && image.status !== "CREATING",
      60_000,
    );
  }

  const manifestStatus = async (name: string) =>
    (
      await fetch(`http://${host.registryHost}/v2/${DEV_NAMESPACE}/${name}/manifests/latest`, {
        method: "HEAD",
        headers: {
          accept:
            "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
        },
      })
    ).status;

  it("ends an image over --max-image-size CREATE_FAILED with 2845's reason, and leaves it out of the registry", async () => {
    const name = uniqueName("too-big");
    const failed = await saveOnFailing(name);
    expect(failed).toMatchObject({
      status: "CREATE_FAILED",
      status_message: expect.stringMatching(/2845/),
    });
    expect(await manifestStatus(name)).toBe(404);
  });

  it("a save that fails once pushed takes its tag out of the registry and the engine (its name:tag is not left taken)", async () => {
    const name = uniqueName("unmeasurable");
    const failed = await saveOnFailing(name);
    expect(failed).toMatchObject({
      status: "CREATE_FAILED",
      status_message: "the registry could not read the manifest: HTTP 500",
    });
    expect(await manifestStatus(name)).toBe(404);
    const tags = (await docker.listImages()).flatMap((image) => image.RepoTags ?? []);
    expect(tags).not.toContain(failed.swr_path);
    await expect.poll(() => engine.intermediateImages(), { timeout: 10_000 }).toEqual([]);
  });
});

/** Follows the image through ShowImage (over the proxy) until it is ACTIVE or has failed. */
async function waitForImage(id: string) {
  return until(
    () => showImage(id),
    (image) => !["INIT", "CREATING"].includes(image.status),
    120_000,
  );
}

async function readToEnd(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream);
}
