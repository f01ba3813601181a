// kill -9 of the server in the middle of saves, then a restart on the same data dir: every
// interrupted save ends ACTIVE, or CREATE_FAILED with a status_message; none is stuck or lost.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mapLimit } from "./support/map-limit.js";
import {
  addNotebook,
  call,
  PROJECT,
  save,
  saveRequest,
  setTransitions,
  showImage,
  waitUntilSettled,
} from "./support/server.js";
import { startServerProcess } from "./support/server-process.js";

const SAVES = 20;
const dataDir = mkdtempSync(join(tmpdir(), "notebook-image-crash-test-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("crash of the server mid-save", () => {
  it(`kill -9 while ${SAVES} saves are CREATING, then a restart, loses none of them`, async () => {
    const first = await startServerProcess(["--data-dir", dataDir, "--log-level", "silent"]);
    // Long enough in CREATING for the kill to land there.
    await setTransitions(first.url, { mode: "time", creatingAfterMs: 0, activeAfterMs: 60_000 });
    const notebooks = await mapLimit(
      Array.from({ length: SAVES }, (_, i) => i),
      8,
      () => addNotebook(first.url),
    );
    const answers = await mapLimit(notebooks, 8, (id) =>
      save(first.url, id, saveRequest(`crash-${id.slice(0, 8)}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const imageIds: string[] = answers.map((a) => a.body.id);
    // Wait until every one is CREATING: the engine is at work on all of them.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const statuses = await mapLimit(
        imageIds,
        8,
        async (id) => (await showImage(first.url, id)).body.status,
      );
      if (statuses.every((s) => s === "CREATING")) break;
      if (Date.now() > deadline) throw new Error(`not all CREATING: ${statuses.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startServerProcess(["--data-dir", dataDir, "--log-level", "silent"]);
    try {
      await setTransitions(second.url, { mode: "immediate" });
      const settled = await mapLimit(imageIds, 8, (id) => waitUntilSettled(second.url, id, 60_000));
      for (const image of settled) {
        if (image.status === "ACTIVE") continue;
        expect(image.status).toBe("CREATE_FAILED");
        expect(image.status_message, JSON.stringify(image)).toBeTruthy();
      }
      // Nothing lost, nothing doubled: the saved images are exactly those.
      const list = await call(second.url, "GET", `/v1/${PROJECT}/images?type=DEDICATED&limit=200`);
      expect(list.status).toBe(200);
      expect(new Set(list.body.data.map((image: { id: string }) => image.id))).toEqual(new Set(imageIds));
      // The notebooks are usable again.
      for (const notebook of notebooks) {
        const shown = await call(second.url, "GET", `/v1/${PROJECT}/notebooks/${notebook}`);
        expect(shown.body.status).toBe("RUNNING");
      }
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });
});
