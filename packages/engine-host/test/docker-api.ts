// A few Docker Engine API calls over the host's unix socket, for the tests (the package itself needs
// no Docker client).
import { request } from "node:http";

export interface ApiResponse {
  status: number;
  body: string;
}

export function api(socketPath: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        method,
        path,
        timeout: 60_000,
        headers: payload === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("latin1");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Creates and starts a container of `image` running `cmd`, without network; returns its id. */
export async function runContainer(
  socketPath: string,
  image: string,
  cmd: readonly string[],
): Promise<string> {
  const created = await api(socketPath, "POST", "/containers/create", {
    Image: image,
    Cmd: cmd,
    HostConfig: { NetworkMode: "none" },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body}`);
  const { Id } = JSON.parse(created.body) as { Id: string };
  const started = await api(socketPath, "POST", `/containers/${Id}/start`);
  if (started.status !== 204) throw new Error(`start: ${started.status} ${started.body}`);
  return Id;
}

/** Runs `cmd` in the container and returns its output (the multiplexed stream's payloads). */
export async function exec(socketPath: string, container: string, cmd: readonly string[]): Promise<string> {
  const created = await api(socketPath, "POST", `/containers/${container}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (created.status !== 201) throw new Error(`exec: ${created.status} ${created.body}`);
  const { Id } = JSON.parse(created.body) as { Id: string };
  const started = await api(socketPath, "POST", `/exec/${Id}/start`, { Detach: false });
  return demultiplex(Buffer.from(started.body, "latin1"));
}

function demultiplex(stream: Buffer): string {
  let out = "";
  for (let at = 0; at + 8 <= stream.length; ) {
    const length = stream.readUInt32BE(at + 4);
    out += stream.toString("utf8", at + 8, at + 8 + length);
    at += 8 + length;
  }
  return out;
}
