import { createServer } from "node:net";

/**
 * A TCP port that is free on `host` right now. startMock chooses the port itself instead of giving
 * Prism port 0, because Prism re-listens on the same port option whenever the spec file changes: with
 * 0 it would move to a new port and the URL handed to tests would go stale.
 * @param {string} host
 * @returns {Promise<number>}
 */
export function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
