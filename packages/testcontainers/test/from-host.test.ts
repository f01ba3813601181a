// The tests build the images with `pnpm image --from-host`: the packages this machine has built,
// deployed here, stand for the Containerfile's build stage, so that the image builds do not build every
// package a second time. Only the two final stages may run.
import { expect, inject, it } from "vitest";

/** The stages a podman build ran, from buildah's first step of each: "[i/n] STEP 1/k: FROM <image> AS <stage>". */
function stagesRun(log: string): string[] {
  return [...log.matchAll(/^\[\d+\/\d+\] STEP 1\/\d+: FROM \S+ AS (\S+)$/gm)].map(
    (match) => match[1] as string,
  );
}

it("builds the images from this machine's deploy: only the server's and the mock's final stages run", () => {
  const log = inject("imageBuildLog");
  expect(log).toMatch(/ --build-context build=\S+ /);
  expect(stagesRun(log)).toEqual(["server", "mock"]);
});
