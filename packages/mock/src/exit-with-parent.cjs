// Preloaded into the Prism process (`node --require`): Prism exits when its standard input reaches
// end of file, which happens when the process that started it is gone, however it died (even
// SIGKILL, which runs no exit handler). So a crashed test run never leaves a mock behind.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
