// `save --wait` against the server with the docker engine: the notebook instance is a real
// container on a private podman API service and registry (@notebook-image/engine-host), the CLI a
// real process talking HTTP to the server. The swr_path it prints once ACTIVE is pulled back from
// the registry and run: the file written in the notebook is there, with the same checksum.
import { randomUUID } from "node:crypto";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import {
  createControlClient,
  DEV_CREDENTIALS,
  DEV_NAMESPACE,
  DEV_PROJECT_ID,
  type RunningServer,
  startServer,
} from "@notebook-image/server";
import { createDockerEngine } from "@notebook-image/server/docker-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { runBin } from "./cli.js";
import { expectClean } from "./expect-clean.js";

// Starting the engine service and importing the base image, and a real commit + push, take
// seconds on a loaded machine, not the milliseconds of the mock.
const ENGINE_MS = 120_000;

let host: EngineHost;
let server: RunningServer;

beforeAll(async () => {
  host = await startEngineHost();
  const engine = await createDockerEngine({ dockerHost: host.dockerHost, registryHost: host.registryHost });
  server = await startServer({
    engine,
    registryHost: host.registryHost,
    transitions: { mode: "immediate" },
    worker: { pollMs: 50 },
  });
}, ENGINE_MS);
afterAll(async () => {
  await server?.close();
  await host?.close();
}, ENGINE_MS);

/** A notebook instance that is a running container of the base image, made through the control API. */
async function containerNotebook(): Promise<{ id: string; containerId: string }> {
  const { id } = await createControlClient(server.url).createNotebook({ image: host.baseImage });
  const [containerId] = await host.containersLabelled(`modelarts.notebook.id=${id}`);
  if (!containerId) throw new Error(`the control API made no container for notebook ${id}`);
  return { id, containerId };
}

describe("save --wait with the docker engine", () => {
  it(
    "exits 0 once the image is ACTIVE; the swr_path it printed pulls and runs with the notebook's file in it",
    async () => {
      const notebook = await containerNotebook();
      const file = "/home/ma-user/results.txt";
      await host.exec(notebook.containerId, [
        "/bin/sh",
        "-c",
        `echo 'run ${randomUUID()}' > ${file} && head -c 1048576 /dev/urandom >> ${file}`,
      ]);
      const checksum = await host.exec(notebook.containerId, ["sha256sum", file]);

      const name = `cli-wait-${process.pid}`;
      const result = await runBin(
        [
          "save",
          notebook.id,
          "--name",
          name,
          "--namespace",
          DEV_NAMESPACE,
          "--tag",
          "v1",
          "--project-id",
          DEV_PROJECT_ID,
          "--endpoint",
          server.url,
          "--wait",
          "--poll-interval",
          "0.05",
        ],
        { NOTEBOOK_IMAGE_TOKEN: DEV_CREDENTIALS.token },
        { limitMs: ENGINE_MS - 10_000 },
      );
      expectClean(result);
      expect(result.code, result.stderr).toBe(ExitCode.ok);
      expect(result.stdout).toMatch(/status\s+ACTIVE/);
      const swrPath = /SWR path\s+(\S+)/.exec(result.stdout)?.[1] ?? "";
      expect(swrPath).toBe(`${host.registryHost}/${DEV_NAMESPACE}/${name}:v1`);

      await host.pull(swrPath);
      expect(await host.run(swrPath, ["sha256sum", file])).toBe(checksum);
    },
    ENGINE_MS,
  );
});
