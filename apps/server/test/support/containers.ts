// Test helpers over dockerode: run a command in a container, run an image to completion.
import type Docker from "dockerode";

/** Runs `cmd` in a running container; resolves with its stdout+stderr, rejects on a non-zero exit. */
export async function execIn(docker: Docker, containerId: string, cmd: readonly string[]): Promise<string> {
  const exec = await docker
    .getContainer(containerId)
    .exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const output = await demultiplexed(docker, stream);
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`${cmd.join(" ")} exited with ${ExitCode}: ${output}`);
  return output;
}

/** Creates a container of `image` running `cmd` (no network), waits for it to end, returns its output. */
export async function runToCompletion(
  docker: Docker,
  image: string,
  cmd: readonly string[],
): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: [...cmd],
    HostConfig: { NetworkMode: "none" },
  });
  try {
    await container.start();
    const StatusCode = await exitCode(container);
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const output = demultiplexBuffer(logs);
    if (StatusCode !== 0)
      throw new Error(`${cmd.join(" ")} in ${image} exited with ${StatusCode}: ${output}`);
    return output;
  } finally {
    await container.remove({ force: true });
  }
}

/**
 * Polls until the container has ended. podman 4.3's compatible `wait` answers a container that
 * exited before the call only after ~20 s.
 */
async function exitCode(container: Docker.Container, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { State } = await container.inspect();
    if (!State.Running && State.Status !== "created") return State.ExitCode;
    if (Date.now() > deadline) throw new Error(`the container did not end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function demultiplexed(docker: Docker, stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = {
      write: (chunk: Buffer) => {
        chunks.push(Buffer.from(chunk));
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    docker.modem.demuxStream(stream, sink, sink);
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

function demultiplexBuffer(stream: Buffer): string {
  let out = "";
  for (let at = 0; at + 8 <= stream.length; ) {
    const length = stream.readUInt32BE(at + 4);
    out += stream.toString("utf8", at + 8, at + 8 + length);
    at += 8 + length;
  }
  return out;
}
