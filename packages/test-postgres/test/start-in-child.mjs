// Started by start-postgres.test.ts: starts a server, prints where it is, then waits to be killed.
import { startPostgres } from "../src/index.js";

const server = await startPostgres();
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
setInterval(() => {}, 1_000);
