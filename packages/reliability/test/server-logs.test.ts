// The server's log (pino JSON lines) never holds a token, a secret key or a signature: not for
// accepted calls, refused ones, bad credentials or malformed requests.
import { Writable } from "node:stream";
import { createNotebookImageClient } from "@notebook-image/client";
import { type RunningServer, startServer } from "@notebook-image/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretsOf } from "./support/secrets.js";
import { addNotebook, saveRequest } from "./support/server.js";
import { createImageUrl } from "./support/spec.js";

const TOKEN = "log-test-token-0123456789abcdef";
const ACCESS_KEY = "LOGTESTACCESSKEY0001";
const SECRET_KEY = "log-test-secret-key-0123456789abcdef";
const PROJECT = "0123456789abcdef0123456789abcdef";

const lines: string[] = [];
const sentCredentials: string[] = [];
let server: RunningServer;
beforeAll(async () => {
  let pending = "";
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      pending += String(chunk);
      const complete = pending.split("\n");
      pending = complete.pop() ?? "";
      lines.push(...complete.filter(Boolean));
      done();
    },
  });
  server = await startServer({
    projectIds: [PROJECT],
    tokens: [TOKEN],
    accessKeys: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }],
    transitions: { mode: "immediate" },
    logStream,
    logLevel: "trace",
  });
});
afterAll(async () => {
  await server?.close();
});

/** fetch that notes every credential header it sends, then sends the request unchanged. */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  for (const name of ["x-auth-token", "authorization"]) {
    const value = request.headers.get(name);
    if (value) sentCredentials.push(value);
  }
  return fetch(request);
};

describe("server logs", () => {
  it("hold no token, secret key or signature", async () => {
    const common = { projectId: PROJECT, baseUrl: server.url, retry: false as const, fetch: recordingFetch };
    const withToken = createNotebookImageClient({ ...common, auth: { token: TOKEN } });
    const withKeys = createNotebookImageClient({
      ...common,
      auth: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    const wrongSecret = createNotebookImageClient({
      ...common,
      auth: { accessKey: ACCESS_KEY, secretKey: `${SECRET_KEY}-wrong` },
    });
    // The control API answers without credentials; a notebook to save from.
    const notebook = await addNotebook(server.url);
    await withToken.saveInstanceAsImage(notebook, saveRequest("log-1"));
    await withKeys.saveInstanceAsImage(await addNotebook(server.url), saveRequest("log-2"));
    // Refused: the notebook is busy or the name taken, bad signature, unknown token, malformed JSON.
    await withKeys.saveInstanceAsImage(notebook, saveRequest("log-1")).catch(() => undefined);
    await wrongSecret.saveInstanceAsImage(notebook, saveRequest("log-3")).catch(() => undefined);
    const url = createImageUrl(server.url, PROJECT, notebook);
    for (const headers of [{ "x-auth-token": `${TOKEN}-unknown` }, { "x-auth-token": TOKEN }]) {
      sentCredentials.push(headers["x-auth-token"]);
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: '{"name": ',
      });
      await response.arrayBuffer();
    }

    expect(lines.length, "the server logged the requests").toBeGreaterThan(5);
    expect(sentCredentials.some((value) => value.includes("Signature="))).toBe(true);
    const secrets = secretsOf([TOKEN, SECRET_KEY, `${SECRET_KEY}-wrong`], sentCredentials);
    for (const line of lines) {
      for (const secret of secrets) expect(line.includes(secret), `a secret in the log: ${line}`).toBe(false);
    }
  });
});
