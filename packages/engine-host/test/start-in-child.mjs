// Started by a test as a separate process: starts an engine host (of ENGINE_HOST_KIND) with a
// running container, says where it lives, and waits to be killed (by SIGKILL, so no exit handler runs).
import { runContainer, startEngineHost } from "../dist/index.js";

const host = await startEngineHost();
await runContainer(host.socketPath, host.baseImage, host.notebookCommand);
process.stdout.write(`${JSON.stringify({ dir: host.dir, pid: process.pid })}\n`);
setInterval(() => {}, 60_000);
