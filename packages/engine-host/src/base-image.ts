import { execFile } from "node:child_process";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  createReadStream,
  mkdirSync,
  openSync,
  readSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { EngineHostUnavailableError, findProgram } from "./tools.js";

const run = promisify(execFile);

/** The reference of the base notebook image every engine host holds. */
export const BASE_IMAGE = "localhost/notebook-base:latest";

/**
 * A notebook container's main process: it waits forever and ends at once on SIGTERM (a shell as
 * PID 1 ignores SIGTERM unless it traps it, so `stop` would otherwise wait its full timeout).
 */
export const NOTEBOOK_COMMAND = [
  "/bin/sh",
  "-c",
  "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done",
];

/** What the base image's configuration says (`changes` of an import), besides its file system. */
const IMAGE_CHANGES = [
  `CMD ${JSON.stringify(NOTEBOOK_COMMAND)}`,
  "ENV PATH=/usr/local/bin:/bin",
  "WORKDIR /home/ma-user",
  "LABEL org.opencontainers.image.title=notebook-base",
];

/** Makes the base notebook image in a podman host's storage with `podman import` (see baseRootfs). */
export async function importBaseImage(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const tarball = await baseRootfs(dir);
  await run(
    findProgram("podman") ?? "podman",
    ["import", ...IMAGE_CHANGES.flatMap((change) => ["--change", change]), "--quiet", tarball, BASE_IMAGE],
    { env },
  );
  return BASE_IMAGE;
}

/** Makes the base notebook image through the Engine API's import (`POST /images/create?fromSrc=-`). */
export async function importBaseImageThroughApi(dir: string, socketPath: string): Promise<string> {
  const tarball = await baseRootfs(dir);
  const colon = BASE_IMAGE.lastIndexOf(":");
  const query = new URLSearchParams({
    fromSrc: "-",
    repo: BASE_IMAGE.slice(0, colon),
    tag: BASE_IMAGE.slice(colon + 1),
  });
  for (const change of IMAGE_CHANGES) query.append("changes", change);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method: "POST",
        path: `/images/create?${query}`,
        headers: { "content-type": "application/x-tar" },
        timeout: 60_000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("importing the base image took more than 60 s")));
    req.on("error", reject);
    createReadStream(tarball).on("error", reject).pipe(req);
  });
  if (answer.status !== 200 || answer.body.includes('"error"')) {
    throw new Error(`importing the base image failed: HTTP ${answer.status} ${answer.body.trim()}`);
  }
  return BASE_IMAGE;
}

/**
 * The base notebook image's root file system, made without any outside registry: only a
 * statically linked busybox (every applet linked) and a `ma-user` home with its work directory,
 * packed into a tarball in `dir`; returns its path.
 */
async function baseRootfs(dir: string): Promise<string> {
  const busybox = findProgram("busybox");
  if (busybox === undefined || !isStaticExecutable(busybox)) {
    throw new EngineHostUnavailableError(
      `The base notebook image needs a statically linked busybox (${busybox ?? "none found"} is not): sudo apt-get install busybox-static`,
    );
  }
  const root = join(dir, "base-rootfs");
  for (const sub of ["bin", "etc", "root", "tmp", "usr/local/bin", "home/ma-user/work"]) {
    mkdirSync(join(root, sub), { recursive: true });
  }
  chmodSync(join(root, "tmp"), 0o1777);
  copyFileSync(busybox, join(root, "bin/busybox"));
  chmodSync(join(root, "bin/busybox"), 0o755);
  const { stdout } = await run(busybox, ["--list"]);
  for (const applet of stdout.split("\n").map((line) => line.trim())) {
    if (applet !== "" && applet !== "busybox") symlinkSync("busybox", join(root, "bin", applet));
  }
  writeFileSync(
    join(root, "etc/passwd"),
    "root:x:0:0:root:/root:/bin/sh\nma-user:x:1000:100:ma-user:/home/ma-user:/bin/sh\n",
  );
  writeFileSync(join(root, "etc/group"), "root:x:0:\nusers:x:100:ma-user\n");
  const tarball = join(dir, "base-rootfs.tar");
  await run(findProgram("tar") ?? "tar", ["--numeric-owner", "-C", root, "-cf", tarball, "."]);
  return tarball;
}

/** Whether the ELF file at `path` has no program interpreter (PT_INTERP), i.e. is statically linked. */
function isStaticExecutable(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    if (header.toString("latin1", 0, 4) !== "\x7fELF" || header[4] !== 2) return false;
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    const PT_INTERP = 3;
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === PT_INTERP) return false;
    return true;
  } finally {
    closeSync(fd);
  }
}
