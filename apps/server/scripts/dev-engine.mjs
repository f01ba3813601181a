// `pnpm dev:engine`: the server with the docker engine on a private container host. Starts a podman
// API service and a registry under a temporary directory (@notebook-image/engine-host), a running
// notebook container for the README's notebook id, and the server with `--engine docker` on them;
// Ctrl-C stops everything and removes the directory. Flags after `--` go to the server
// (e.g. `pnpm dev:engine -- --port 0 --max-image-size 500000000`).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EngineHostUnavailableError, engineHostKind, startEngineHost } from "@notebook-image/engine-host";
import { createDockerEngine } from "../dist/engine/docker/index.js";
import { DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../dist/index.js";

const SERVER_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const say = (/** @type {string} */ line) => process.stderr.write(`dev:engine: ${line}\n`);

let host;
try {
  // ENGINE_HOST_KIND=docker: a private dockerd instead of podman (apps/server/docs/docker-engine.md).
  say(`starting a private ${engineHostKind() === "docker" ? "dockerd" : "podman service"} and registry…`);
  host = await startEngineHost();
} catch (error) {
  if (!(error instanceof EngineHostUnavailableError)) throw error;
  say(error.message);
  say("Without them, `pnpm dev` runs the server with the simulated engine (the default).");
  process.exit(1);
}

let server;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  say("removing the containers, the engine service and the registry…");
  await host.close();
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

try {
  const engine = await createDockerEngine({ dockerHost: host.dockerHost, registryHost: host.registryHost });
  const notebook = await engine.notebooks.create({
    projectId: DEV_PROJECT_ID,
    id: DEV_NOTEBOOK_ID,
    name: "notebook-dev",
    image: host.baseImage,
  });
  await engine.close();
  say(`engine      ${engine.engineVersion}, DOCKER_HOST=${host.dockerHost}`);
  const cli = host.kind === "docker" ? `docker --host ${host.dockerHost}` : `podman --url ${host.dockerHost}`;
  say(`registry    http://${host.registryHost} (pull saved images: ${cli} pull <swr_path>)`);
  say(`notebook    ${notebook.id} (a running container of ${host.baseImage})`);
  say(`containers  ${cli} ps`);
  // State in memory: saved images live in the temporary registry, which goes with Ctrl-C.
  const args = [
    "--engine",
    "docker",
    "--registry-host",
    host.registryHost,
    "--in-memory",
    ...process.argv.slice(2),
  ];
  server = spawn(process.execPath, [SERVER_BIN, ...args], {
    stdio: "inherit",
    env: { ...process.env, DOCKER_HOST: host.dockerHost },
  });
  server.once("exit", (code) => {
    if (!stopping) say(`the server exited (${code ?? "signal"})`);
    void stop(code ?? 1);
  });
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  await stop(1);
}
