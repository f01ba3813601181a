// `pnpm dev:engine`: the server with the docker engine on a private container host. Starts a podman
// API service and a registry under a temporary directory (@notebook-image/engine-host), a running
// notebook container for the README's notebook id, and the server with `--engine docker` on them;
// Ctrl-C (or closing the terminal) stops everything and removes the directory. Flags go to the
// server (e.g. `pnpm dev:engine --port 0 --max-image-size 500000000`).
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startProcess } from "@notebook-image/devkit";
import { EngineHostUnavailableError, engineHostKind, startEngineHost } from "@notebook-image/engine-host";
import { BIN_DEFAULTS, ConfigError, parseConfig } from "../dist/config.js";
import { createDockerEngine } from "../dist/engine/docker/index.js";
import { DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../dist/index.js";

const SERVER_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
// A closed terminal makes every write fail (EIO): the clean-up must go on regardless.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
const say = (/** @type {string} */ line) => process.stderr.write(`dev:engine: ${line}\n`);

// `pnpm dev:engine -- --port 0` hands the `--` on; the server takes no positional argument.
const serverFlags = process.argv.slice(2);
if (serverFlags[0] === "--") serverFlags.shift();

/**
 * The server's flags: ours, then the user's, which win. State in memory: saved images live in the
 * temporary registry, which goes with Ctrl-C. Transitions immediate: ACTIVE as soon as the engine
 * has pushed and measured the image, not held back by the simulated delays (`time`: 2 s + 5 s, so a
 * 1 s save showed ACTIVE after 7 s).
 * @param {string} registryHost
 */
const serverArgs = (registryHost) => [
  "--engine",
  "docker",
  "--registry-host",
  registryHost,
  "--in-memory",
  "--transitions",
  "immediate",
  ...serverFlags,
];

/**
 * Resolves true when something already listens on host:port (port 0 is never taken).
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portTaken(host, port) {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (/** @type {NodeJS.ErrnoException} */ error) =>
      error.code === "EADDRINUSE" ? resolve(true) : reject(error),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

// The server's settings are read, and its port tried, before anything is started: a mistake or a
// taken port (`pnpm dev` serves :4020 too) is said at once, not after the engine, the registry and
// the notebook's container have been set up and taken down again. The registry's address is known
// only once it runs: any host name stands in for it here.
let listen;
try {
  const { options } = parseConfig(serverArgs("127.0.0.1:5000"), process.env);
  listen = { host: options.host ?? "127.0.0.1", port: options.port ?? 0 };
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  say(error.message);
  process.exit(2);
}
if (await portTaken(listen.host, listen.port)) {
  say(
    `port ${listen.port} on ${listen.host} is taken: another notebook-image-server (\`pnpm dev\` serves :4020 too)? ` +
      "Stop it, or pass another --port (0 picks a free one). Nothing was started.",
  );
  process.exit(1);
}

let host;
let server;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  if (host) {
    say("removing the containers, the engine service and the registry…");
    await host.close();
  }
  process.exit(code);
}
// Ctrl-C, `kill`, and a terminal closed under it (SIGHUP): each removes everything it started.
// Installed before the host starts, so that a signal during the start waits for it, then cleans up.
// `on`, not `once`: signals come twice (Ctrl-C from the terminal, then forwarded by pnpm; a closed
// terminal's SIGHUP from the kernel, then from the shell), and a second one left to its default
// action would end the process halfway through the clean-up.
let starting;
let signalled = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (stopping) return;
    signalled = true;
    void Promise.resolve(starting)
      .catch(() => undefined)
      .then(() => stop(0));
  });
}

try {
  // ENGINE_HOST_KIND=docker: a private dockerd instead of podman (apps/server/docs/docker-engine.md).
  say(`starting a private ${engineHostKind() === "docker" ? "dockerd" : "podman service"} and registry…`);
  starting = startEngineHost();
  host = await starting;
} catch (error) {
  // startEngineHost() has removed what it had started. Ctrl-C during the start also reaches the
  // programs it runs (podman import…): their failure is the interruption, not a problem to report.
  if (signalled) {
    say("stopped during the start; nothing is left running");
    process.exit(0);
  }
  say(error instanceof Error ? error.message : String(error));
  if (error instanceof EngineHostUnavailableError) {
    say("On a Docker or Podman API you already have: DOCKER_HOST=<its socket> node apps/server/dist/bin.js");
    say("  --engine docker --registry-host <host:port> (apps/server/docs/docker-engine.md).");
    say("Without containers: `pnpm dev` (the server on the simulated engine, the default).");
  }
  process.exit(1);
}

try {
  const engine = await createDockerEngine({ dockerHost: host.dockerHost, registryHost: host.registryHost });
  const notebook = await engine.notebooks.create({
    projectId: DEV_PROJECT_ID,
    id: DEV_NOTEBOOK_ID,
    name: "notebook-dev",
    image: host.baseImage,
  });
  await engine.close();
  const [container = "?"] = await host.containersLabelled(`modelarts.notebook.id=${notebook.id}`);
  const cli = host.kind === "docker" ? `docker --host ${host.dockerHost}` : `podman --url ${host.dockerHost}`;
  say(`engine      ${engine.engineVersion}, DOCKER_HOST=${host.dockerHost}`);
  say(`registry    http://${host.registryHost} (saved images are pushed there: their swr_path)`);
  say(`notebook    ${notebook.id}: container ${container.slice(0, 12)} of ${host.baseImage}`);
  say(`change it   ${cli} exec ${container.slice(0, 12)} sh -c 'echo hi > /home/ma-user/hi.txt'`);
  say("save it     as in the README's \"With real containers\" (the CLI's save --wait)");
  // The README's commands say :4020, the default; another --port moves the endpoint.
  if (listen.port !== BIN_DEFAULTS.port) {
    say(
      listen.port === 0
        ? "endpoint    the server's 'listening on' address below (--port 0: a free port); use it for --endpoint"
        : `endpoint    http://${listen.host}:${listen.port}: use it for --endpoint instead of the README's :4020`,
    );
  }
  // --network none: the engines of this host have no container network (dockerd warns otherwise).
  say(
    `pull, run   ${cli} pull <swr_path> && ${cli} run --rm --network none <swr_path> cat /home/ma-user/hi.txt`,
  );
  if (signalled) throw new Error("stopping"); // not printed: see the catch
  const args = serverArgs(host.registryHost);
  // With the devkit's process lifecycle, like the host's services: a dev:engine killed with SIGKILL
  // (no handler runs) leaves no server holding the port. In its own process group, so that Ctrl-C
  // reaches only this process, which hands the server one SIGTERM: the bin takes a second signal
  // (the terminal's SIGINT, then ours) as "exit now", past its graceful close.
  server = startProcess(process.execPath, [SERVER_BIN, ...args], {
    output: "inherit",
    env: { ...process.env, DOCKER_HOST: host.dockerHost },
  });
  void server.exited.then(({ code }) => {
    if (!stopping) say(`the server exited (${code ?? "signal"})`);
    void stop(code ?? 1);
  });
} catch (error) {
  // After a signal, stop() is taking the host down under these calls: their failure is expected.
  if (!signalled) say(error instanceof Error ? error.message : String(error));
  await stop(1);
}
