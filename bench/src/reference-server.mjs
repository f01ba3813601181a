// The minimal server of the overhead benchmark: answers every request with the reference 200
// response of the spec, after reading the request body. Run as a child process, so that its work
// is not counted in the client's time; it tells its parent its port over IPC.
import { createServer } from "node:http";
import { referenceImage } from "./spec.mjs";

const body = Buffer.from(JSON.stringify(referenceImage));
const headers = {
  "content-type": "application/json",
  "content-length": String(body.length),
  "x-request-id": "bench-0000",
};

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () =>
  process.send?.({ port: /** @type {import("node:net").AddressInfo} */ (server.address()).port }),
);
process.on("disconnect", () => process.exit(0));
