// The docker engine against a real podman API service and registry (started per file under a temp
// dir by @notebook-image/engine-host): commit, push, size, remove, the failures, notebooks.
import { createHash, randomUUID } from "node:crypto";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineError, type EngineStepContext, type ImageTarget } from "../engine.js";
import { createDockerEngine, type DockerEngine } from "./docker-engine.js";
import { intermediateRef } from "./labels.js";
import { reference } from "./registry-api.js";

let host: EngineHost;
let engine: DockerEngine;
let docker: Docker;

beforeAll(async () => {
  host = await startEngineHost();
  engine = await createDockerEngine({ dockerHost: host.dockerHost });
  docker = new Docker({ socketPath: host.socketPath });
});
afterAll(async () => {
  await engine?.close();
  await host?.close();
});

function step(jobId = randomUUID()): EngineStepContext & { messages: string[] } {
  const messages: string[] = [];
  return { jobId, signal: new AbortController().signal, progress: (m) => messages.push(m), messages };
}

function targetFor(name: string): ImageTarget {
  return { registryHost: host.registryHost, namespace: "atelier-auto", name, tag: "v1" };
}

async function notebookWith(content: string) {
  const notebook = await engine.notebooks.create({ projectId: "p1", image: host.baseImage });
  const container = (
    await docker.listContainers({ filters: { label: [`modelarts.notebook.id=${notebook.id}`] } })
  )[0];
  if (!container) throw new Error("the notebook has no container");
  await host.exec(container.Id, ["/bin/sh", "-c", `printf '%s' '${content}' > /root/notes.txt`]);
  return { notebook, containerId: container.Id };
}

async function save(notebookId: string, target: ImageTarget, ctx = step()) {
  const { localRef } = await engine.commit({ notebookId, target, pause: true }, ctx);
  await engine.push({ localRef, target }, ctx);
  const size = await engine.size(target, ctx);
  await engine.remove({ localRef });
  return { localRef, size, ctx };
}

describe("docker engine", () => {
  it("names what answered on the socket", () => {
    // ENGINE_HOST_KIND=docker runs this file against Debian's dockerd instead of podman.
    expect(engine.engineVersion).toMatch(
      host.kind === "docker" ? /^Docker Engine 20\./ : /^Podman Engine 4\./,
    );
  });

  it("saves a changed notebook container as an image that can be pulled and run, with the changes in it", async () => {
    const content = `saved ${randomUUID()}`;
    const { notebook, containerId } = await notebookWith(content);
    // "Install a package": a program in /usr/local/bin, and 2 MB that do not compress.
    await host.exec(containerId, [
      "/bin/sh",
      "-c",
      "printf '#!/bin/sh\\necho hello from the package\\n' > /usr/local/bin/hello && chmod +x /usr/local/bin/hello && head -c 2097152 /dev/urandom > /root/blob",
    ]);
    const blobSum = (await host.exec(containerId, ["sha256sum", "/root/blob"])).split(" ")[0];
    const target = targetFor("saved-whole");
    const { localRef, size, ctx } = await save(notebook.id, target);

    expect(ctx.messages[0]).toBe("committing the notebook's container");
    expect(ctx.messages).toContainEqual(expect.stringMatching(/^pushing (\d+ of )?\d+ layers$/));
    // What a pull downloads: the 2 MB of random data cannot shrink, the busybox base is ~1 MB gzipped.
    expect(size).toBeGreaterThan(2_097_152);
    expect(size).toBeLessThan(2_097_152 + 3_000_000);
    expect(await engine.exists(target)).toBe(true);

    // Nothing of the save is left in the engine's storage: neither the intermediate image nor the target's tag.
    const tags = (await docker.listImages()).flatMap((image) => image.RepoTags ?? []);
    expect(tags).not.toContain(localRef);
    expect(tags).not.toContain(reference(target));

    // Pulled back from the registry and run: the file, the package and the data are there.
    await host.pull(reference(target));
    expect(await host.run(reference(target), ["cat", "/root/notes.txt"])).toBe(content);
    expect(await host.run(reference(target), ["hello"])).toBe("hello from the package\n");
    const pulledSum = (await host.run(reference(target), ["sha256sum", "/root/blob"])).split(" ")[0];
    expect(pulledSum).toBe(blobSum);
    expect(createHash("sha256").update(content).digest("hex")).toBe(
      (await host.run(reference(target), ["sha256sum", "/root/notes.txt"])).split(" ")[0],
    );
    // The notebook's labels were blanked out in the image: a container run from it is no notebook.
    const inspected = await docker.getImage(reference(target)).inspect();
    expect(inspected.Config.Labels?.["modelarts.notebook.id"]).toBe("");
    expect(inspected.Config.Labels?.["modelarts.image.saved-from"]).toBe(notebook.id);
    // The engine keeps the container's command in the image (the commit sends no CMD of its own).
    const { Config: containerConfig } = await docker.getContainer(containerId).inspect();
    expect(containerConfig.Cmd?.length).toBeGreaterThan(0);
    expect(inspected.Config.Cmd).toEqual(containerConfig.Cmd);
    expect((await engine.notebooks.list("p1")).map((n) => n.id)).toContain(notebook.id);
  });

  it("removes with a save's intermediate image the snapshot of its commit that a restart abandoned", async () => {
    const { notebook } = await notebookWith("abandoned");
    const ctx = step();
    const target = targetFor("saved-abandoned");
    // The commit of the killed server, finished on the engine after all, then the resumed save's own
    // (it found no snapshot yet): the second takes the name, the first is left unnamed.
    await engine.commit({ notebookId: notebook.id, target, pause: true }, { ...ctx, resumed: false });
    const { localRef } = await engine.commit(
      { notebookId: notebook.id, target, pause: true },
      { ...ctx, resumed: false },
    );
    const unnamed = () =>
      docker.listImages({ filters: { dangling: ["true"], label: [`modelarts.save.job=${ctx.jobId}`] } });
    expect(await unnamed()).toHaveLength(1);
    // A restarted server finds it under the job's intermediate ref…
    expect(await engine.intermediateImages()).toContainEqual({
      jobId: ctx.jobId.toLowerCase(),
      localRef: intermediateRef(ctx.jobId),
    });
    // …and removing that takes both.
    await engine.remove({ localRef });
    expect(await unnamed()).toEqual([]);
    expect(await engine.intermediateImages()).not.toContainEqual(
      expect.objectContaining({ jobId: ctx.jobId.toLowerCase() }),
    );
  });

  it("shows a notebook RUNNING, not FROZEN, while its own save's commit has its container paused", async () => {
    const { notebook, containerId } = await notebookWith("pausing");
    // 64 MB of changes: a commit long enough to be asked about many times (dockerd lists the
    // container paused meanwhile, podman 4.3 running).
    await host.exec(containerId, ["/bin/sh", "-c", "head -c 67108864 /dev/urandom > /root/blob"]);
    let done = false;
    const committed = engine
      .commit({ notebookId: notebook.id, target: targetFor("saved-pausing"), pause: true }, step())
      .finally(() => {
        done = true;
      });
    const seen: string[] = [];
    while (!done) {
      const [shown, listed] = await Promise.all([
        engine.notebooks.get(notebook.id),
        engine.notebooks.list("p1"),
      ]);
      seen.push(shown?.status ?? "missing", listed.find((n) => n.id === notebook.id)?.status ?? "missing");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(["RUNNING"]));
    await engine.remove(await committed);
    // Paused by hand, it is FROZEN again.
    await docker.getContainer(containerId).pause();
    expect((await engine.notebooks.get(notebook.id))?.status).toBe("FROZEN");
    await docker.getContainer(containerId).unpause();
  });

  it("removes the tag from the registry (DeleteImage with force), and a second removal is a no-op", async () => {
    const { notebook } = await notebookWith("to delete");
    const target = targetFor("saved-deleted");
    await save(notebook.id, target);
    await engine.remove({ target });
    expect(await engine.exists(target)).toBe(false);
    await engine.remove({ target });
  });

  it("fails the push with the engine's own message when the registry is down (a push that fails is still a 200)", async () => {
    const { notebook } = await notebookWith("registry down");
    const target = targetFor("saved-registry-down");
    const ctx = step();
    const { localRef } = await engine.commit({ notebookId: notebook.id, target, pause: true }, ctx);
    await host.stopRegistry();
    try {
      const failure = await engine.push({ localRef, target }, ctx).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EngineError);
      expect((failure as EngineError).failure).toBe("push-failed");
      expect((failure as EngineError).message).toMatch(/connection refused/);
      const failedExists = await engine.exists(target).catch((error: unknown) => error);
      expect((failedExists as EngineError).failure).toBe("engine-unavailable");
    } finally {
      await host.startRegistry();
    }
    // The same committed image pushes once the registry is back (a resumed save).
    await engine.push({ localRef, target }, ctx);
    expect(await engine.exists(target)).toBe(true);
    await engine.remove({ localRef });
  });

  it("removing the intermediate image leaves the swr_path image pulled on the same engine (it is the same image)", async () => {
    const { notebook } = await notebookWith("pulled at once");
    const target = targetFor("saved-pulled-at-once");
    const ctx = step();
    const { localRef } = await engine.commit({ notebookId: notebook.id, target, pause: true }, ctx);
    await engine.push({ localRef, target }, ctx);
    await host.pull(reference(target));
    await engine.remove({ localRef });
    const tags = (await docker.listImages()).flatMap((image) => image.RepoTags ?? []);
    expect(tags).not.toContain(localRef);
    expect(await host.run(reference(target), ["cat", "/root/notes.txt"])).toBe("pulled at once");
  });

  it("refuses to commit a stopped container or an unknown notebook", async () => {
    const { notebook, containerId } = await notebookWith("stopped");
    await docker.getContainer(containerId).stop({ t: 5 });
    expect((await engine.notebooks.get(notebook.id))?.status).toBe("STOPPED");
    const refused = step();
    await expect(
      engine.commit(
        { notebookId: notebook.id, target: targetFor("x"), pause: true },
        { ...refused, resumed: false },
      ),
    ).rejects.toMatchObject({ failure: "notebook-not-running", message: expect.stringContaining("exited") });
    // The snapshot taken while the container was looked at is gone with the refusal.
    expect(await engine.intermediateImages()).not.toContainEqual(
      expect.objectContaining({ jobId: refused.jobId }),
    );
    await expect(
      engine.commit({ notebookId: randomUUID(), target: targetFor("x"), pause: true }, step()),
    ).rejects.toMatchObject({ failure: "notebook-not-found" });
  });

  it("saves a container that someone else made and labelled as a notebook (found by its label, not its name)", async () => {
    const notebookId = randomUUID();
    const made = await docker.createContainer({
      Image: host.baseImage,
      Cmd: ["/bin/sh", "-c", "sleep 3600"],
      Labels: { "modelarts.notebook.id": notebookId, "modelarts.project.id": "p1" },
      HostConfig: { NetworkMode: "none" },
    });
    await made.start();
    await host.exec(made.id, ["/bin/sh", "-c", "printf 'made by hand' > /root/notes.txt"]);
    const target = targetFor("saved-by-label");
    const ctx = step();
    const { localRef } = await engine.commit({ notebookId, target, pause: true }, { ...ctx, resumed: false });
    await engine.push({ localRef, target }, ctx);
    await engine.remove({ localRef });
    await host.pull(reference(target));
    expect(await host.run(reference(target), ["cat", "/root/notes.txt"])).toBe("made by hand");
    await made.remove({ force: true });
  });

  it("reports a paused container as FROZEN and commits it as it is", async () => {
    const { notebook, containerId } = await notebookWith("frozen");
    await docker.getContainer(containerId).pause();
    expect((await engine.notebooks.get(notebook.id))?.status).toBe("FROZEN");
    const target = targetFor("saved-frozen");
    await save(notebook.id, target);
    expect((await docker.getContainer(containerId).inspect()).State.Status).toBe("paused");
    await docker.getContainer(containerId).unpause();
    expect((await engine.notebooks.get(notebook.id))?.status).toBe("RUNNING");
  });

  it("keeps the snapshot a resumed save had committed, and lists it until it is removed", async () => {
    const { notebook, containerId } = await notebookWith("before the restart");
    const ctx = step();
    const first = await engine.commit(
      { notebookId: notebook.id, target: targetFor("resumed"), pause: true },
      ctx,
    );
    const firstId = (await docker.getImage(first.localRef).inspect()).Id;
    expect(await engine.intermediateImages()).toContainEqual({ jobId: ctx.jobId, localRef: first.localRef });
    await host.exec(containerId, ["/bin/sh", "-c", "echo after > /root/notes.txt"]);
    const again = await engine.commit(
      { notebookId: notebook.id, target: targetFor("resumed"), pause: true },
      ctx,
    );
    expect(again.localRef).toBe(first.localRef);
    expect((await docker.getImage(again.localRef).inspect()).Id).toBe(firstId);
    await engine.remove({ localRef: again.localRef });
    expect(await engine.intermediateImages()).not.toContainEqual(
      expect.objectContaining({ jobId: ctx.jobId }),
    );
  });

  it("fails an image over --max-image-size after measuring it, and removes it from the registry", async () => {
    const limited = await createDockerEngine({ dockerHost: host.dockerHost, maxImageSizeBytes: 1_500_000 });
    const { notebook, containerId } = await notebookWith("too big");
    await host.exec(containerId, ["/bin/sh", "-c", "head -c 1048576 /dev/urandom > /root/blob"]);
    const target = targetFor("saved-too-big");
    const ctx = step();
    const { localRef } = await limited.commit({ notebookId: notebook.id, target, pause: true }, ctx);
    await limited.push({ localRef, target }, ctx);
    await expect(limited.size(target, ctx)).rejects.toMatchObject({
      failure: "size-exceeded",
      message: expect.stringMatching(/over the limit of 1500000 bytes/),
    });
    expect(await limited.exists(target)).toBe(false);
    await limited.remove({ localRef });
  });

  it("says what is missing when nothing answers at DOCKER_HOST", async () => {
    const failure = await createDockerEngine({ dockerHost: `unix://${host.dir}/no-such.sock` }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).failure).toBe("engine-unavailable");
    expect((failure as EngineError).message).toContain(`${host.dir}/no-such.sock`);
    expect((failure as EngineError).message).toContain("pnpm dev:engine");
  });
});
