import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRequest, runContainer } from "../src/engine-api.js";
import { type EngineHost, startEngineHost } from "../src/index.js";
import { mountsUnder, processesUsing } from "../src/teardown.js";

describe("startEngineHost", () => {
  let host: EngineHost;
  beforeAll(async () => {
    host = await startEngineHost();
  });
  afterAll(() => host?.close());

  it("serves the Docker Engine API on its socket, with the base image in its storage", async () => {
    expect((await engineRequest(host.socketPath, "GET", "/_ping")).body).toBe("OK");
    const images = JSON.parse((await engineRequest(host.socketPath, "GET", "/images/json")).body) as {
      RepoTags: string[];
    }[];
    expect(images.flatMap((image) => image.RepoTags)).toContain(host.baseImage);
  });

  it("runs a notebook container of the base image that stops at once on SIGTERM", async () => {
    const id = await runContainer(host.socketPath, host.baseImage, host.notebookCommand, {
      "test.kind": "notebook",
    });
    expect(await host.containersLabelled("test.kind=notebook")).toEqual([id]);
    expect(await host.exec(id, ["/bin/sh", "-c", "echo hi > /tmp/x && cat /tmp/x && id -un"])).toBe(
      "hi\nroot\n",
    );
    await expect(host.exec(id, ["/bin/sh", "-c", "echo oops; exit 4"])).rejects.toThrow(
      /exited with 4: oops/,
    );
    const started = Date.now();
    expect((await engineRequest(host.socketPath, "POST", `/containers/${id}/stop?t=10`)).status).toBe(204);
    // Within the 10 s timeout, so it was the trap, not the SIGKILL after the timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("pushes to its registry over plain HTTP, and the registry can be stopped and started again", async () => {
    const ref = `${host.registryHost}/test/pushed`;
    expect(
      (await engineRequest(host.socketPath, "POST", `/images/${host.baseImage}/tag?repo=${ref}&tag=v1`))
        .status,
    ).toBe(201);
    const auth = Buffer.from("{}").toString("base64");
    const push = await new Promise<string>((resolve, reject) => {
      const path = `/images/${ref}/push?tag=v1`;
      const headers = { "X-Registry-Auth": auth };
      const req = request({ socketPath: host.socketPath, method: "POST", path, headers }, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    expect(push).not.toContain("errorDetail");
    const manifest = await fetch(`http://${host.registryHost}/v2/test/pushed/manifests/v1`, {
      method: "HEAD",
      headers: {
        accept:
          "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
      },
    });
    expect(manifest.status).toBe(200);

    // Pulled back (the local tag gone first) and run to its end: the output, the exit code.
    expect((await engineRequest(host.socketPath, "DELETE", `/images/${ref}:v1`)).status).toBe(200);
    await host.pull(`${ref}:v1`);
    expect(await host.run(`${ref}:v1`, ["cat", "/etc/group"])).toContain("users:x:100:ma-user");
    await expect(host.run(`${ref}:v1`, ["/bin/sh", "-c", "echo no >&2; exit 3"])).rejects.toThrow(
      /exited with 3: no/,
    );
    await expect(host.pull(`${host.registryHost}/test/never-pushed:v1`)).rejects.toThrow(/never-pushed/);

    await host.stopRegistry();
    await expect(fetch(`http://${host.registryHost}/v2/`)).rejects.toThrow();
    await host.startRegistry();
    expect((await fetch(`http://${host.registryHost}/v2/test/pushed/tags/list`)).status).toBe(200);
  });
});

describe("close", () => {
  it("leaves no process, mount or file behind, even with a running container and a fresh exec's conmon", async () => {
    const host = await startEngineHost();
    const id = await runContainer(host.socketPath, host.baseImage, host.notebookCommand);
    await host.exec(id, ["/bin/true"]);
    expect(processesUsing(host.dir).length).toBeGreaterThan(0);
    await host.close();
    expect(processesUsing(host.dir)).toEqual([]);
    expect(mountsUnder(host.dir)).toEqual([]);
    expect(existsSync(host.dir)).toBe(false);
    await host.close(); // twice is fine
  });

  it("when the process that started a host is killed, its services end with it and the next start cleans up", async () => {
    const child = spawn(process.execPath, [new URL("./start-in-child.mjs", import.meta.url).pathname], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`child exited (${code}) before starting its host`)));
    });
    const { dir } = JSON.parse(line) as { dir: string };
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    // The kernel's parent-death signal ends the podman service and the registry…
    await expect
      .poll(() => processesUsing(dir).filter((pid) => isService(pid)), { timeout: 15_000 })
      .toEqual([]);
    // …but the container's conmon outlives them, and the storage stays mounted, until the next host sweeps it.
    expect(existsSync(dir)).toBe(true);
    const next = await startEngineHost();
    await next.close();
    expect(existsSync(dir)).toBe(false);
    expect(processesUsing(dir)).toEqual([]);
    expect(mountsUnder(dir)).toEqual([]);
  });
});

function isService(pid: number): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmd.includes("system\0service") || cmd.includes("docker-registry") || cmd.includes("dockerd");
  } catch {
    return false;
  }
}
