// The docker engine against a registry that wants credentials (the distribution registry with
// htpasswd auth, on a private podman host): with the right ones a save is ACTIVE, its size read and
// its tag deleted through the registry's API with them; with wrong ones it ends CREATE_FAILED with
// the registry's own refusal. The password shows in no log line and no response.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { type EngineHost, startEngineHost } from "@notebook-image/engine-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { createDockerEngine } from "../src/engine/docker/index.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness, until } from "./support/harness.js";

const CREDENTIALS = { username: "pusher", password: "registry-SECRET-8f3a1c57" };
const WRONG_PASSWORD = "wrong-SECRET-27d94be0";

let host: EngineHost;

/** A server whose engine uses `password`, its log lines and every response body it gave kept. */
async function serverWith(password: string) {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const engine = await createDockerEngine({
    dockerHost: host.dockerHost,
    registryHost: host.registryHost,
    registryAuth: { username: CREDENTIALS.username, password, serveraddress: host.registryHost },
  });
  const h = await startHarness({
    engine,
    registryHost: host.registryHost,
    transitions: { mode: "immediate" },
    worker: { pollMs: 50 },
    logStream,
    logLevel: "debug",
  });
  const responses: string[] = [];
  const api: Harness["api"] = async (method, path, init) => {
    const response = await h.api(method, path, init);
    responses.push(JSON.stringify(response.body));
    return response;
  };
  return { h, api, logs, responses };
}

type Server = Awaited<ReturnType<typeof serverWith>>;
let right: Server;
let wrong: Server;

beforeAll(async () => {
  host = await startEngineHost({ registryAuth: CREDENTIALS });
  [right, wrong] = await Promise.all([serverWith(CREDENTIALS.password), serverWith(WRONG_PASSWORD)]);
});
afterAll(async () => {
  await Promise.all([right?.h.close(), wrong?.h.close()]);
  await host?.close();
});

/** Saves a new notebook container holding /root/note.txt; resolves with the image once the save is over. */
async function save(server: Server, note: string) {
  const id = randomUUID();
  expect((await server.h.control("POST", "/notebooks", { id, image: host.baseImage })).status).toBe(201);
  const [containerId] = await host.containersLabelled(`modelarts.notebook.id=${id}`);
  await host.exec(containerId ?? "", ["/bin/sh", "-c", `echo '${note}' > /root/note.txt`]);
  const name = `auth-${randomUUID().slice(0, 8)}`;
  const created = await server.api(
    methodOf("createImage"),
    pathOf("createImage", { project_id: DEV_PROJECT_ID, id }),
    {
      body: { name, namespace: DEV_NAMESPACE, tag: "v1" },
    },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const show = () =>
    server.api(
      methodOf("ShowImage"),
      pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: created.body.id }),
    );
  const image = await until(
    async () =>
      (await show()).body as {
        id: string;
        status: string;
        status_message?: string;
        swr_path: string;
        size?: number;
      },
    (i) => i.status !== "INIT" && i.status !== "CREATING",
    60_000,
  );
  return { ...image, name };
}

const basic = (password: string) => Buffer.from(`${CREDENTIALS.username}:${password}`).toString("base64");

/** No form of a password anywhere: as it is, base64 in basic auth, base64 inside X-Registry-Auth's JSON. */
function expectNoSecret(texts: readonly string[], password: string) {
  const forms = [
    password,
    basic(password),
    Buffer.from(JSON.stringify({ username: CREDENTIALS.username, password }))
      .toString("base64")
      .slice(0, 40),
  ];
  for (const text of texts) for (const form of forms) expect(text).not.toContain(form);
}

describe("a registry that wants credentials, with the docker engine", () => {
  it("with the right ones: ACTIVE, sized, pullable with the change in it; DeleteImage with force removes the tag", async () => {
    const image = await save(right, "pushed with credentials");
    expect(image.status, image.status_message).toBe("ACTIVE");
    expect(image.size).toBeGreaterThan(0);
    await host.pull(image.swr_path);
    expect(await host.run(image.swr_path, ["cat", "/root/note.txt"])).toBe("pushed with credentials\n");

    const manifest = `http://${host.registryHost}/v2/${DEV_NAMESPACE}/${image.name}/manifests/v1`;
    const headers = {
      authorization: `Basic ${basic(CREDENTIALS.password)}`,
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    };
    expect((await fetch(manifest, { method: "HEAD", headers })).status).toBe(200);
    const deleted = await right.api(
      methodOf("DeleteImage"),
      pathOf("DeleteImage", { project_id: DEV_PROJECT_ID, id: image.id }),
      { query: { force: "true" } },
    );
    expect(deleted.status, JSON.stringify(deleted.body)).toBeLessThan(300);
    expect((await fetch(manifest, { method: "HEAD", headers })).status).toBe(404);
    expectNoSecret([...right.logs, ...right.responses], CREDENTIALS.password);
  });

  it("with wrong ones: CREATE_FAILED with the registry's refusal, and the password in no log line or response", async () => {
    const image = await save(wrong, "never pushed");
    expect(image.status).toBe("CREATE_FAILED");
    expect(image.status_message).toMatch(/unauthorized|authentication required/i);
    const listed = await wrong.api(
      methodOf("ListImage"),
      pathOf("ListImage", { project_id: DEV_PROJECT_ID }),
      {
        query: { type: "DEDICATED" },
      },
    );
    expect(listed.status).toBe(200);
    expect(wrong.logs.length).toBeGreaterThan(0);
    expectNoSecret([...wrong.logs, ...wrong.responses], WRONG_PASSWORD);
  });
});
