// Started by a test as a separate process: starts an engine host with a running container, says
// where it lives, and waits to be killed (by SIGKILL, so no exit handler runs).
import { execFileSync } from "node:child_process";
import { startEngineHost } from "../dist/index.js";

const host = await startEngineHost();
execFileSync("podman", ["run", "--detach", "--network", "none", host.baseImage, ...host.notebookCommand], {
  env: host.podmanEnv,
});
process.stdout.write(`${JSON.stringify({ dir: host.dir, pid: process.pid })}\n`);
setInterval(() => {}, 60_000);
