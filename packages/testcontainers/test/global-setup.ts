// Builds both images on the offline base (as `pnpm image --base … --from-host` does) and starts a private podman
// (engine-host) whose Docker-compatible socket Testcontainers talks to; it runs the images from the build
// storage, where they were built (an additional image store), with no copy made.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEngineHost } from "@notebook-image/engine-host";
import type { TestProject } from "vitest/node";
import {
  buildHostEnvironment,
  buildImages,
  buildPostgresStandIn,
  buildStorage,
  imageRef,
  offlineBase,
} from "./build-host.js";

declare module "vitest" {
  export interface ProvidedContext {
    images: { server: string; mock: string; postgres: string };
    /** The output of `pnpm image --from-host`: each podman build's steps. */
    imageBuildLog: string;
    /** podman's environment on the engine host (its storage and configuration; DOCKER_HOST). */
    podmanEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const buildEnv = buildHostEnvironment();
  const started = Date.now();
  // The images (on the offline node base), the postgres stand-in (on its own offline base) and the
  // private podman service do not wait on one another: they run at once.
  const hostStarting = startEngineHost({ imageStores: [buildStorage()] });
  // Awaited below; until then a failure to start is held, not reported as unhandled.
  hostStarting.catch(() => {});
  let output: string;
  let postgres: string;
  try {
    [output, postgres] = await Promise.all([
      offlineBase(buildEnv).then((base) => buildImages(buildEnv, base)),
      buildPostgresStandIn(buildEnv),
    ]);
  } catch (error) {
    await hostStarting.then(
      (host) => host.close(),
      () => {},
    );
    throw error;
  }
  const host = await hostStarting;
  // The build's log (and the sizes `pnpm image` prints) for the CI log and for a failing test.
  mkdirSync("test-results", { recursive: true });
  writeFileSync(join("test-results", "image-build.log"), output);
  console.log(`images built in ${Math.round((Date.now() - started) / 1000)} s:`);
  console.log(
    output
      .split("\n")
      .filter((line) => /^image: \S+ (\d+ MB|built in)/.test(line))
      .join("\n"),
  );

  const images = { server: imageRef("server"), mock: imageRef("mock"), postgres };
  // Testcontainers (in the test workers, which inherit this environment) talks to the private podman.
  // Its reaper (Ryuk) is an image from Docker Hub, which these machines cannot pull; the tests stop
  // their containers themselves, and close() removes any left.
  process.env.DOCKER_HOST = host.dockerHost;
  process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
  // These machines have a /.dockerenv, from which Testcontainers concludes it runs in a container and
  // reaches ports through the bridge's gateway; the ports are published on the host's loopback.
  process.env.TESTCONTAINERS_HOST_OVERRIDE = "127.0.0.1";
  project.provide("images", images);
  project.provide("imageBuildLog", output);
  project.provide("podmanEnv", host.podmanEnv as Record<string, string>);
  return () => host.close();
}
