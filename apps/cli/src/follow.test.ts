// followImage over a scripted lifecycle: what each way a wait ends prints, and its exit code.
// Unit tests of the CLI's own logic; the same behaviours run against the real server in test/.
import { type Image, ImageSaveFailedError, TimeoutError } from "@notebook-image/client";
import { describe, expect, it } from "vitest";
import { ExitCode } from "./exit-codes.js";
import { followImage } from "./follow.js";
import type { Lifecycle, WaitOptions } from "./lifecycle.js";
import { createOutput } from "./output.js";

const base = {
  id: "4e0d1854-63e5-4517-b683-a0ee97a692a1",
  name: "pytorch1_4",
  tag: "20221223",
  namespace: "o",
};
const image = (status: string, extra: Partial<Image> = {}) => ({ ...base, status, ...extra }) as Image;

/** A lifecycle whose wait reports `steps` then ends with `end`. */
function scripted(steps: Image[], end: (options: WaitOptions) => Promise<Image>): Lifecycle {
  const never = () => Promise.reject(new Error("not used"));
  return {
    async waitForImage(_id, options) {
      for (const step of steps) options.onProgress(step);
      return end(options);
    },
    getImage: never,
    getNotebook: never,
    deleteImage: never,
    listImages: never,
    createNotebook: never,
    listNotebooks: never,
    startNotebook: never,
    stopNotebook: never,
    deleteNotebook: never,
    updateNotebook: never,
    renewNotebookLease: never,
    waitForNotebook: never,
  };
}

function capture(isTTY: boolean, json = false) {
  const text = { stdout: "", stderr: "" };
  const output = createOutput(
    {
      env: {},
      stdout: { write: (t: string) => (text.stdout += t), isTTY },
      stderr: { write: (t: string) => (text.stderr += t), isTTY, columns: 200 },
    },
    json,
  );
  return { text, output };
}

const resume = "notebook-image wait 4e0d1854-63e5-4517-b683-a0ee97a692a1 --endpoint http://127.0.0.1:1";
const remove =
  "notebook-image image delete 4e0d1854-63e5-4517-b683-a0ee97a692a1 --endpoint http://127.0.0.1:1";

describe("followImage", () => {
  it("without a terminal prints one line per status change, then the ready image on stdout", async () => {
    const { text, output } = capture(false);
    const lifecycle = scripted([image("INIT"), image("CREATING"), image("CREATING")], async () =>
      image("ACTIVE", { swr_path: "swr.example/o/pytorch1_4:20221223" }),
    );
    const code = await followImage(
      base.id,
      {},
      { lifecycle, output, onInterrupt: undefined, resume, remove, hint: {}, startedAt: Date.now() },
    );
    expect(code).toBe(ExitCode.ok);
    expect(text.stderr.split("\n").filter(Boolean)).toEqual([
      `[0:00] pytorch1_4:20221223 (${base.id}) INIT`,
      `[0:00] pytorch1_4:20221223 (${base.id}) CREATING`,
      `[0:00] pytorch1_4:20221223 (${base.id}) ACTIVE`,
    ]);
    expect(text.stdout).toMatch(/^pytorch1_4:20221223 is ready/);
    expect(text.stdout).toMatch(/SWR path\s+swr\.example\/o\/pytorch1_4:20221223/);
  });

  it("on a terminal redraws one line in place and ends it with the result", async () => {
    const { text, output } = capture(true);
    const lifecycle = scripted([image("INIT"), image("CREATING")], async () => image("ACTIVE"));
    await followImage(
      base.id,
      {},
      { lifecycle, output, onInterrupt: undefined, resume, remove, hint: {}, startedAt: Date.now() },
    );
    // Every redraw starts with a carriage return and "erase line"; only the end adds a newline.
    const lines = text.stderr.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("");
    const frames = (lines[0] ?? "").split("\r\u001b[2K").filter(Boolean);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.at(-1)).toContain("✔");
    expect(frames.at(-1)).toContain("ACTIVE");
    expect(frames.some((f) => f.includes("CREATING"))).toBe(true);
  });

  it("a failed save exits 5 with the status and ModelArts' reason, and with --json prints it", async () => {
    const failed = image("CREATE_FAILED", { status_message: "push to SWR failed" });
    const { text, output } = capture(false, true);
    const lifecycle = scripted([image("INIT")], () => Promise.reject(new ImageSaveFailedError(failed)));
    const code = await followImage(
      base.id,
      {},
      { lifecycle, output, onInterrupt: undefined, resume, remove, hint: {}, startedAt: Date.now() },
    );
    expect(code).toBe(ExitCode.saveFailed);
    expect(text.stderr).toContain(
      `error: the save of image ${base.id} failed after 0:00: CREATE_FAILED: push to SWR failed`,
    );
    expect(JSON.parse(text.stdout)).toMatchObject({
      name: "ImageSaveFailedError",
      exitCode: ExitCode.saveFailed,
      image: { status: "CREATE_FAILED", status_message: "push to SWR failed" },
    });
  });

  it("a wait that times out exits 6 and says how to resume", async () => {
    const { text, output } = capture(false);
    const lifecycle = scripted([image("CREATING")], () =>
      Promise.reject(new TimeoutError(300_000, "waiting for the image", image("CREATING"))),
    );
    const code = await followImage(
      base.id,
      {},
      { lifecycle, output, onInterrupt: undefined, resume, remove, hint: {}, startedAt: Date.now() },
    );
    expect(code).toBe(ExitCode.waitTimedOut);
    expect(text.stderr).toContain(`image ${base.id} is still CREATING after 0:00`);
    expect(text.stderr).toContain(`follow it again with:\n  ${resume}\n`);
  });

  it("Ctrl-C stops waiting at once, exits 130, and says the save goes on", async () => {
    const { text, output } = capture(true);
    let interrupt: (() => void) | undefined;
    let listening = false;
    const lifecycle = scripted(
      [image("CREATING")],
      ({ signal }) =>
        new Promise((_, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const done = followImage(
      base.id,
      {},
      {
        lifecycle,
        output,
        onInterrupt: (listener) => {
          interrupt = listener;
          listening = true;
          return () => {
            listening = false;
          };
        },
        resume,
        remove,
        hint: {},
        startedAt: Date.now(),
      },
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(listening).toBe(true);
    interrupt?.();
    expect(await done).toBe(ExitCode.interrupted);
    expect(listening).toBe(false);
    expect(text.stderr).toContain("■");
    expect(text.stderr).toContain("The save itself goes on in ModelArts");
    expect(text.stderr).toContain(resume);
  });
});
