// Preloaded into the Prism process (`node --require`): Prism exits when its standard input reaches
// end of file, which happens when the process that started it is gone, however it died (even
// SIGKILL, which runs no exit handler). So a crashed test run never leaves a mock behind. On its
// way out it removes its private copy of the spec (NOTEBOOK_IMAGE_MOCK_SNAPSHOT), which the parent
// could not do if it was killed.
const { rmSync } = require("node:fs");

const snapshot = process.env.NOTEBOOK_IMAGE_MOCK_SNAPSHOT;
if (snapshot) process.on("exit", () => rmSync(snapshot, { recursive: true, force: true }));
// Turn close()'s SIGTERM into a normal exit, so that exit handlers run.
process.once("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
