// Engine saves: a notebook container with 2 MB and 100 MB of changes saved through the server
// (create-image → ACTIVE, `--engine docker`, immediate transitions) against the same commit + push
// done straight on the engine API, in the same run on the same private podman service and
// registry; and four saves in parallel against four one after another. Goals (issue 22): a 100 MB
// save ≤ 1.10× the direct path; the server's absolute overhead per save (server − direct, the
// bookkeeping it adds) is reported for both sizes.
import { randomUUID } from "node:crypto";
import { startEngineHost } from "@notebook-image/engine-host";
import {
  createControlClient,
  DEV_CREDENTIALS,
  DEV_NAMESPACE,
  DEV_PROJECT_ID,
  startServer,
} from "@notebook-image/server";
import { createDockerEngine } from "@notebook-image/server/docker-engine";
import Docker from "dockerode";
import { CREATE_IMAGE_PATH, SHOW_IMAGE_PATH } from "./spec.mjs";
import { median } from "./stats.mjs";

const POLL_MS = 50;
/** A save this large or larger: the server's time ≤ LARGE_SAVE_GOAL × the direct path's (issue 22). */
const LARGE_SAVE_MB = 100;
const LARGE_SAVE_GOAL = 1.1;
const SAVE_TIMEOUT_MS = 300_000;

/**
 * @param {{ sizes: readonly { mb: number, rounds: number }[], parallel: number, parallelMb: number }} settings
 *   each size saved `rounds` times each way (a small save varies more from one to the next, so it
 *   gets more rounds).
 */
export async function benchEngineSave({ sizes, parallel, parallelMb }) {
  const host = await startEngineHost();
  const docker = new Docker({ socketPath: host.socketPath });
  const engine = await createDockerEngine({ dockerHost: host.dockerHost, registryHost: host.registryHost });
  const server = await startServer({
    engine,
    registryHost: host.registryHost,
    transitions: { mode: "immediate" },
    // The worker's defaults otherwise: a queued save wakes it, it does not wait for its poll.
    worker: { concurrency: parallel },
  });
  const headers = { "content-type": "application/json", "x-auth-token": DEV_CREDENTIALS.token };
  const projectPath = (/** @type {string} */ template, /** @type {string} */ id) =>
    `${server.url}${template.replace("{project_id}", DEV_PROJECT_ID).replace("{id}", id)}`;

  /** A running notebook container with `mb` MB of fresh random (incompressible) data; returns its notebook id. */
  const notebookWith = async (/** @type {number} */ mb) => {
    const { id } = await createControlClient(server.url).createNotebook({ image: host.baseImage });
    const [container] = await docker.listContainers({ filters: { label: [`modelarts.notebook.id=${id}`] } });
    if (!container) throw new Error(`no container for notebook ${id}`);
    await host.exec(container.Id, [
      "/bin/sh",
      "-c",
      `head -c ${mb * 1024 * 1024} /dev/urandom > /root/changes.bin`,
    ]);
    return { id, containerId: container.Id };
  };

  /**
   * create-image → ACTIVE in milliseconds, as the server records it (the ACTIVE image's update_at,
   * written once every engine step and every write of the save is done). It is polled for every
   * POLL_MS ms, but the poll's own delay is the client's choice, not the server's work, and a
   * tighter poll would take CPU from the engine on a small machine.
   */
  const saveThroughServer = async (/** @type {string} */ notebookId) => {
    const started = Date.now();
    const response = await fetch(projectPath(CREATE_IMAGE_PATH, notebookId), {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `bench-${notebookId.slice(0, 8)}`, namespace: DEV_NAMESPACE, tag: "v1" }),
    });
    const image = await response.json();
    if (response.status !== 200) throw new Error(`create-image: ${response.status} ${JSON.stringify(image)}`);
    for (const deadline = Date.now() + SAVE_TIMEOUT_MS; Date.now() < deadline; ) {
      const shown = await (await fetch(projectPath(SHOW_IMAGE_PATH, image.id), { headers })).json();
      if (shown.status === "ACTIVE") return shown.update_at - started;
      if (shown.status === "CREATE_FAILED" || shown.status === "ERROR") {
        throw new Error(`the save failed: ${shown.status_message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`the save did not reach ACTIVE within ${SAVE_TIMEOUT_MS} ms`);
  };

  /** The same work straight on the engine API: commit ({} body, pause), tag, push read to its end, untag. */
  const saveDirectly = async (/** @type {string} */ containerId) => {
    const repo = `${host.registryHost}/${DEV_NAMESPACE}/direct-${randomUUID().slice(0, 8)}`;
    const started = performance.now();
    const local = `localhost/bench-direct/${randomUUID()}`;
    await new Promise((resolve, reject) =>
      docker.modem.dial(
        {
          path: "/commit?",
          method: "POST",
          options: { _query: { container: containerId, repo: local, tag: "latest", pause: true }, _body: {} },
          allowEmpty: true,
          statusCodes: { 200: true, 201: true, 404: "no such container", 500: "server error" },
        },
        (error, data) => (error ? reject(error) : resolve(data)),
      ),
    );
    await docker.getImage(`${local}:latest`).tag({ repo, tag: "v1" });
    const stream = await docker.getImage(repo).push({ tag: "v1", authconfig: {} });
    let failure = "";
    for await (const chunk of stream) if (String(chunk).includes('"error')) failure = String(chunk);
    const elapsed = performance.now() - started;
    if (failure) throw new Error(`direct push failed: ${failure}`);
    await docker.getImage(`${repo}:v1`).remove();
    await docker.getImage(`${local}:latest`).remove({ force: true });
    return elapsed;
  };

  /** @type {Record<string, { serverMs: number[], directMs: number[] }>} */
  const bySize = {};
  try {
    // A first save of each kind warms the engine (layer of the base image in the registry, caches).
    const warm = await notebookWith(1);
    await saveDirectly(warm.containerId);
    await saveThroughServer(warm.id);
    for (const { mb, rounds } of sizes) {
      const samples = { serverMs: /** @type {number[]} */ ([]), directMs: /** @type {number[]} */ ([]) };
      for (let round = 0; round < rounds; round++) {
        // A fresh container per save, so neither path re-pushes layers the other already pushed;
        // the order alternates so that neither always runs on a warmer machine.
        const a = await notebookWith(mb);
        const b = await notebookWith(mb);
        if (round % 2 === 0) {
          samples.directMs.push(await saveDirectly(a.containerId));
          samples.serverMs.push(await saveThroughServer(b.id));
        } else {
          samples.serverMs.push(await saveThroughServer(b.id));
          samples.directMs.push(await saveDirectly(a.containerId));
        }
        await removeContainers(docker, [a.containerId, b.containerId]);
      }
      bySize[mb] = samples;
    }

    const sequentialNotebooks = await Promise.all(
      Array.from({ length: parallel }, () => notebookWith(parallelMb)),
    );
    const sequentialStarted = performance.now();
    for (const notebook of sequentialNotebooks) await saveThroughServer(notebook.id);
    const sequentialMs = performance.now() - sequentialStarted;
    const parallelNotebooks = await Promise.all(
      Array.from({ length: parallel }, () => notebookWith(parallelMb)),
    );
    const parallelStarted = performance.now();
    await Promise.all(parallelNotebooks.map((notebook) => saveThroughServer(notebook.id)));
    const parallelMs = performance.now() - parallelStarted;

    return {
      engine: engine.engineVersion,
      sizes: Object.fromEntries(
        Object.entries(bySize).map(([mb, s]) => [
          mb,
          {
            ...s,
            serverMedianMs: median(s.serverMs),
            directMedianMs: median(s.directMs),
            ratio: median(s.serverMs) / median(s.directMs),
          },
        ]),
      ),
      parallel: {
        saves: parallel,
        mb: parallelMb,
        sequentialMs,
        parallelMs,
        speedup: sequentialMs / parallelMs,
      },
    };
  } finally {
    await server.close();
    await host.close();
  }
}

/** @param {Docker} docker @param {string[]} ids */
async function removeContainers(docker, ids) {
  await Promise.all(
    ids.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** The table rows of benchEngineSave's result. @param {Awaited<ReturnType<typeof benchEngineSave>>} result */
export function engineFigures(result) {
  const rows = Object.entries(result.sizes).flatMap(([mb, s]) => [
    {
      id: `engine.${mb}mb.ratio`,
      label: `save of ${mb} MB of changes: server (create-image → ACTIVE) ÷ direct commit + push`,
      value: s.ratio,
      unit: "×",
      digits: 3,
      ...(Number(mb) >= LARGE_SAVE_MB ? { goal: LARGE_SAVE_GOAL } : {}),
    },
    {
      id: `engine.${mb}mb.overhead`,
      label: `  server's overhead per save (server − direct, medians)`,
      value: s.serverMedianMs - s.directMedianMs,
      unit: "ms",
      digits: 0,
    },
    {
      id: `engine.${mb}mb.server`,
      label: `  server, median`,
      value: s.serverMedianMs,
      unit: "ms",
      digits: 0,
    },
    {
      id: `engine.${mb}mb.direct`,
      label: `  direct on ${result.engine}, median`,
      value: s.directMedianMs,
      unit: "ms",
      digits: 0,
    },
  ]);
  const p = result.parallel;
  rows.push(
    {
      id: "engine.parallel.sequential",
      label: `${p.saves} saves of ${p.mb} MB one after another (server)`,
      value: p.sequentialMs,
      unit: "ms",
      digits: 0,
    },
    {
      id: "engine.parallel.parallel",
      label: `${p.saves} saves of ${p.mb} MB in parallel (server)`,
      value: p.parallelMs,
      unit: "ms",
      digits: 0,
    },
    {
      id: "engine.parallel.speedup",
      label: "  speed-up of parallel",
      value: p.speedup,
      unit: "×",
      digits: 2,
    },
  );
  return rows;
}
