// A few Docker Engine API calls over the host's unix socket: what the host itself needs (teardown)
// and what tests and benchmarks do to its containers (run a command in one, run an image to its
// end, pull). Plain HTTP on the socket: the package needs no Docker client.
import { request } from "node:http";

const REQUEST_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 60_000;

export interface EngineResponse {
  status: number;
  /** The body as latin1, so that a binary (multiplexed) stream survives; JSON reads the same. */
  body: string;
}

/** One call to the Engine API on `socketPath`; `body` is sent as JSON. Resolves with any status. */
export function engineRequest(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        method,
        path,
        timeout: REQUEST_TIMEOUT_MS,
        headers: payload === undefined ? headers : { "content-type": "application/json", ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("latin1");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`${method} ${path} took more than ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * The payloads of a multiplexed stream (exec output, container logs without a TTY): frames of an
 * 8-byte header (stream type, 3 zero bytes, big-endian length) and that many bytes; stdout and
 * stderr interleaved as they came.
 */
export function demultiplex(stream: Buffer): string {
  let out = "";
  for (let at = 0; at + 8 <= stream.length; ) {
    const length = stream.readUInt32BE(at + 4);
    out += stream.toString("utf8", at + 8, at + 8 + length);
    at += 8 + length;
  }
  return out;
}

/** Creates and starts a container of `image` running `cmd`, without network; returns its id. */
export async function runContainer(
  socketPath: string,
  image: string,
  cmd: readonly string[],
  labels: Record<string, string> = {},
): Promise<string> {
  const created = await engineRequest(socketPath, "POST", "/containers/create", {
    Image: image,
    Cmd: cmd,
    Labels: labels,
    // The API ignores podman's netns default and would set up a bridge and iptables rules.
    HostConfig: { NetworkMode: "none" },
  });
  if (created.status !== 201) throw new Error(`creating a container of ${image}: ${describe(created)}`);
  const { Id } = JSON.parse(created.body) as { Id: string };
  const started = await engineRequest(socketPath, "POST", `/containers/${Id}/start`);
  if (started.status !== 204) throw new Error(`starting container ${Id}: ${describe(started)}`);
  return Id;
}

/** Runs `cmd` in a running container; resolves with its output (stdout and stderr), rejects on a non-zero exit. */
export async function execIn(socketPath: string, container: string, cmd: readonly string[]): Promise<string> {
  const created = await engineRequest(socketPath, "POST", `/containers/${container}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (created.status !== 201) throw new Error(`exec in ${container}: ${describe(created)}`);
  const { Id } = JSON.parse(created.body) as { Id: string };
  const started = await engineRequest(socketPath, "POST", `/exec/${Id}/start`, { Detach: false });
  const output = demultiplex(Buffer.from(started.body, "latin1"));
  const inspected = await engineRequest(socketPath, "GET", `/exec/${Id}/json`);
  const { ExitCode } = JSON.parse(inspected.body) as { ExitCode: number | null };
  if (ExitCode !== 0) throw new Error(`${cmd.join(" ")} exited with ${ExitCode}: ${output}`);
  return output;
}

/**
 * Runs `cmd` in a new container of `image` (no network) to its end and removes it; resolves with
 * its output, rejects on a non-zero exit. The end is polled with inspect: podman 4.3's compatible
 * `wait` answers a container that exited before the call only after ~20 s.
 */
export async function runToCompletion(
  socketPath: string,
  image: string,
  cmd: readonly string[],
): Promise<string> {
  const id = await runContainer(socketPath, image, cmd);
  try {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    let exitCode: number;
    for (;;) {
      const inspected = await engineRequest(socketPath, "GET", `/containers/${id}/json`);
      // podman can fail an inspect while the container is being cleaned up after its exit (seen
      // once in CI: an answer without State): asked again, until the time limit.
      const State =
        inspected.status === 200
          ? (JSON.parse(inspected.body) as { State?: { Running: boolean; Status: string; ExitCode: number } })
              .State
          : undefined;
      if (State && !State.Running && State.Status !== "created") {
        exitCode = State.ExitCode;
        break;
      }
      if (Date.now() > deadline) {
        const last = State ? `still ${State.Status}` : `inspect answered ${describe(inspected)}`;
        throw new Error(`${cmd.join(" ")} in ${image} ran past ${RUN_TIMEOUT_MS} ms (${last})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const logs = await engineRequest(socketPath, "GET", `/containers/${id}/logs?stdout=true&stderr=true`);
    const output = demultiplex(Buffer.from(logs.body, "latin1"));
    if (exitCode !== 0) throw new Error(`${cmd.join(" ")} in ${image} exited with ${exitCode}: ${output}`);
    return output;
  } finally {
    await engineRequest(socketPath, "DELETE", `/containers/${id}?force=true`);
  }
}

/**
 * Pulls `ref` into the engine; rejects with the engine's message when the pull's progress stream
 * carries an error (a failed pull still answers 200). `auth` goes in X-Registry-Auth (default
 * anonymous: Docker wants the header).
 */
export async function pullImage(
  socketPath: string,
  ref: string,
  auth: { username?: string; password?: string; serveraddress?: string } = {},
): Promise<void> {
  const colon = ref.lastIndexOf(":");
  const [image, tag] =
    colon > ref.lastIndexOf("/") ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, "latest"];
  const query = new URLSearchParams({ fromImage: image, tag });
  const header = Buffer.from(JSON.stringify(auth)).toString("base64");
  const pulled = await engineRequest(socketPath, "POST", `/images/create?${query}`, undefined, {
    "X-Registry-Auth": header,
  });
  if (pulled.status !== 200) throw new Error(`pulling ${ref}: ${describe(pulled)}`);
  for (const line of pulled.body.split("\n")) {
    if (line.trim() === "") continue;
    let event: { error?: string; errorDetail?: { message?: string } };
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (event.error !== undefined || event.errorDetail !== undefined) {
      throw new Error(`pulling ${ref}: ${event.errorDetail?.message ?? event.error}`);
    }
  }
}

/** The ids of the containers (any state) carrying `label` ("key" or "key=value"). */
export async function containersLabelled(socketPath: string, label: string): Promise<string[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  const listed = await engineRequest(socketPath, "GET", `/containers/json?all=true&filters=${filters}`);
  if (listed.status !== 200) throw new Error(`listing containers: ${describe(listed)}`);
  return (JSON.parse(listed.body) as { Id: string }[]).map((container) => container.Id);
}

function describe(response: EngineResponse): string {
  return `HTTP ${response.status} ${response.body.trim()}`;
}
