// `save --wait`, `wait` and the image commands against the stateful server (startServer()): saves
// really move INIT → CREATING → ACTIVE over time, fail when the control API injects a fault, and
// the terminal output is checked under a pseudo-terminal.
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { runCli } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { finalScreen, runCliInPty } from "./pty.js";
import { testServer } from "./server.js";
import { EXAMPLE_REQUEST } from "./spec-examples.js";

const server = testServer();

let saves = 0;
/** A save of a new notebook instance, under a tag of its own (name and tag must be unique). */
async function saveArgs(...extra: string[]): Promise<string[]> {
  const instance = await server.newNotebook();
  saves += 1;
  return [
    "save",
    instance,
    "--name",
    String(EXAMPLE_REQUEST.name),
    "--namespace",
    server.namespace,
    "--tag",
    `t${process.pid}-${saves}`,
    "--project-id",
    server.projectId,
    "--endpoint",
    server.url,
    ...extra,
  ];
}
const connection = () => ["--project-id", server.projectId, "--endpoint", server.url];
const fast = ["--wait", "--poll-interval", "0.05"];
/** The `[m:ss] name:tag (id) STATUS` lines of the plain view. */
const statusLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => /^\[\d+:\d\d\] /.test(line))
    .map((line) => /\) (\S+)/.exec(line)?.[1]);

describe("save --wait against the server", () => {
  it("without a terminal: one line per status change, then the ready image; exit 0", async () => {
    // CREATING lasts long enough to be polled even on a loaded machine (polls every 50 ms).
    await server.transitions({ mode: "time", creatingAfterMs: 300, activeAfterMs: 3000 });
    const result = await runCli(await saveArgs(...fast), server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.ok);
    expect(statusLines(result.stderr)).toEqual(["INIT", "CREATING", "ACTIVE"]);
    expect(result.stdout).toMatch(/ is ready\n/);
    expect(result.stdout).toMatch(/status\s+ACTIVE/);
    expect(result.stdout).toMatch(/SWR path\s+\S+\/[^/\s]+:t\d+-\d+\n/);
  });

  it("--json prints the final image, the same as image show --json gives afterwards", async () => {
    await server.transitions({ mode: "immediate" });
    const result = await runCli(await saveArgs(...fast, "--json"), server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.ok);
    const image = JSON.parse(result.stdout);
    expect(image.status).toBe("ACTIVE");
    const shown = await runCli(["image", "show", image.id, "--json", ...connection()], server.env);
    expect(shown.code).toBe(ExitCode.ok);
    expect(JSON.parse(shown.stdout)).toEqual(image);
  });

  it("a save that fails exits 5 with ModelArts' status_message; --json gives the failed image", async () => {
    await server.transitions({ mode: "immediate" });
    await server.failNextSaves(1, "pushing the image to SWR failed: disk full");
    const result = await runCli(await saveArgs(...fast, "--json"), server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.saveFailed);
    expect(result.stderr).toMatch(
      /failed after \d+:\d\d: CREATE_FAILED: pushing the image to SWR failed: disk full/,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      exitCode: ExitCode.saveFailed,
      image: { status: "CREATE_FAILED", status_message: "pushing the image to SWR failed: disk full" },
    });
  });

  it("a wait that runs out exits 6 with the wait command that resumes it, and that command finishes it", async () => {
    await server.transitions({ mode: "manual" });
    const result = await runCli(await saveArgs(...fast, "--wait-timeout", "0.5"), server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.waitTimedOut);
    const resume = /follow it again with:\n {2}(notebook-image wait .+)\n/.exec(result.stderr)?.[1];
    expect(resume).toBeDefined();
    const imageId = /^notebook-image wait (\S+)/.exec(resume ?? "")?.[1] ?? "";
    expect(resume).toContain(`--project-id ${server.projectId} --endpoint ${server.url}`);

    await server.advance(imageId);
    await server.advance(imageId);
    const args = (resume ?? "").split(" ").slice(1);
    const resumed = await runCli(args, server.env);
    expectClean(resumed);
    expect(resumed.code).toBe(ExitCode.ok);
    expect(statusLines(resumed.stderr).at(-1)).toBe("ACTIVE");
  });
});

describe("on a terminal", () => {
  it("one live status line on stderr, redrawn with a spinner and the time, ending with the result", async () => {
    // CREATING lasts long enough to be polled even on a loaded machine (polls every 50 ms).
    await server.transitions({ mode: "time", creatingAfterMs: 300, activeAfterMs: 3000 });
    const { code, screen } = await runCliInPty(await saveArgs(...fast), server.env);
    expect(code).toBe(ExitCode.ok);
    const lines = finalScreen(screen);
    // The status line ends with a mark (✔ ✖ ■) in front of the image.
    const live = lines.filter((line) => /^[✔✖■] /.test(line));
    // The status line is left on screen once, with its final state.
    expect(live).toHaveLength(1);
    expect(live[0]).toMatch(/^✔ .+ \(.+\) ACTIVE 0:0\d$/);
    // It was redrawn in place: spinner frames, and CREATING before ACTIVE.
    const frames = screen.split("\r\u001b[2K");
    expect(frames.length).toBeGreaterThan(5);
    const firstCreating = frames.findIndex((f) => f.includes("CREATING"));
    expect(firstCreating).toBeGreaterThan(0);
    expect(frames.findIndex((f) => f.includes("ACTIVE"))).toBeGreaterThan(firstCreating);
    expect(lines.some((line) => / is ready$/.test(line))).toBe(true);
  });

  it("Ctrl-C stops waiting (exit 130) and says the save goes on; the image is still there", async () => {
    await server.transitions({ mode: "manual" });
    const { code, screen } = await runCliInPty(await saveArgs(...fast), server.env, {
      interruptWhen: (shown) => shown.includes("INIT"),
    });
    expect(code).toBe(ExitCode.interrupted);
    const text = finalScreen(screen).join("\n");
    expect(text).toMatch(/^■ .+ INIT 0:0\d$/m);
    expect(text).toContain("The save itself goes on in ModelArts");
    const imageId = /notebook-image wait (\S+)/.exec(text)?.[1] ?? "";
    const shown = await runCli(["image", "show", imageId, "--json", ...connection()], server.env);
    expect(JSON.parse(shown.stdout).status).toBe("INIT");
  });
});

describe("image and notebook commands against the server", () => {
  it("lists saved images in a table, finds one by name, shows the notebook's new image, deletes", async () => {
    await server.transitions({ mode: "immediate" });
    const args = await saveArgs(...fast, "--json");
    const instance = args[1] ?? "";
    const saved = JSON.parse((await runCli(args, server.env)).stdout);

    const list = await runCli(["image", "list", "--type", "DEDICATED", ...connection()], server.env);
    expectClean(list);
    expect(list.code).toBe(ExitCode.ok);
    expect(list.stdout.split("\n")[0]).toMatch(/^IMAGE ID\s+NAME:TAG\s+STATUS\s+TYPE\s+CREATED$/);
    expect(list.stdout).toMatch(
      new RegExp(`^${saved.id}\\s+${saved.name}:${saved.tag}\\s+ACTIVE\\s+DEDICATED\\s`, "m"),
    );

    const byName = await runCli(
      ["image", "list", "--type", "DEDICATED", "--name", saved.name, "--json", ...connection()],
      server.env,
    );
    expect(JSON.parse(byName.stdout).map((i: { id: string }) => i.id)).toContain(saved.id);

    const notebook = await runCli(["notebook", "show", instance, "--json", ...connection()], server.env);
    expectClean(notebook);
    expect(JSON.parse(notebook.stdout).image.id).toBe(saved.id);

    const deleted = await runCli(["image", "delete", saved.id, "--force", ...connection()], server.env);
    expectClean(deleted);
    expect(deleted.code).toBe(ExitCode.ok);
    const gone = await runCli(["image", "show", saved.id, ...connection()], server.env);
    expect(gone.code).toBe(ExitCode.api);
    expect(gone.stderr).toContain("ModelArts.6404");
  });
});

describe("a failed save keeps its name and tag (issue 25)", () => {
  it("exit 5 says so with the delete command; a new save is refused 2884 naming the holder; deleting frees it", async () => {
    await server.transitions({ mode: "immediate" });
    await server.failNextSaves(1, "pushing the image to SWR failed: disk full");
    const args = await saveArgs(...fast);
    const failed = await runCli(args, server.env);
    expectClean(failed);
    expect(failed.code).toBe(ExitCode.saveFailed);
    const remove = /\n {2}(notebook-image image delete (\S+) .*)\n/.exec(failed.stderr);
    expect(failed.stderr).toContain("The failed image keeps");
    expect(remove?.[1]).toContain(`--endpoint ${server.url}`);
    const imageId = remove?.[2] ?? "";

    // The same name and tag from another instance: refused, and the holder is named.
    const again = [...args];
    again[1] = await server.newNotebook();
    const refused = await runCli(again, server.env);
    expectClean(refused);
    expect(refused.code).toBe(ExitCode.api);
    expect(refused.stderr).toContain("ModelArts.2884");
    expect(refused.stderr).toContain(
      `hint: image ${imageId} (CREATE_FAILED: pushing the image to SWR failed: disk full) holds`,
    );
    expect(refused.stderr).toContain(remove?.[1]);

    const deleted = await runCli((remove?.[1] ?? "").split(" ").slice(1), server.env);
    expect(deleted.code).toBe(ExitCode.ok);
    again[1] = await server.newNotebook();
    expect((await runCli(again, server.env)).code).toBe(ExitCode.ok);

    // ShowImage of the deleted image: a hint about the image, not about an instance.
    const gone = await runCli(["image", "show", imageId, ...connection()], server.env);
    expect(gone.code).toBe(ExitCode.api);
    expect(gone.stderr).toMatch(/hint: no such image/);
    expect(gone.stderr).not.toMatch(/instance/);
  });

  it("DeleteImage while the image is being saved: the hint is about the save, not about the instance", async () => {
    await server.transitions({ mode: "manual" });
    const started = await runCli([...(await saveArgs()), "--json"], server.env);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const refused = await runCli(["image", "delete", id, ...connection()], server.env);
    expect(refused.code).toBe(ExitCode.api);
    expect(refused.stderr).toMatch(/hint: the image is still being saved/);
    expect(refused.stderr).not.toMatch(/another operation/);
    await server.advance(id);
    await server.advance(id);
  });

  it("a refused token gets a hint about the token only", async () => {
    const result = await runCli(["image", "list", ...connection()], {
      NOTEBOOK_IMAGE_TOKEN: "not-the-token",
    });
    expect(result.code).toBe(ExitCode.api);
    expect(result.stderr).toMatch(/hint: .*check the token/);
    expect(result.stderr).not.toMatch(/access key|clock/);
  });
});

describe("image list says which type it listed (issue 25)", () => {
  it("without --type, the API's default; an empty result says how to list the others", async () => {
    const none = ["--name", `none-${process.pid}`, "--name-fuzzy-match", "false", ...connection()];
    const listed = await runCli(["image", "list", ...none], server.env);
    expectClean(listed);
    expect(listed.code).toBe(ExitCode.ok);
    expect(listed.stdout).toBe(
      "No BUILD_IN images match; list the others with --type DEDICATED (without --type, the API lists BUILD_IN images; images saved from a notebook are DEDICATED).\n",
    );
    const dedicated = await runCli(["image", "list", "--type", "DEDICATED", ...none], server.env);
    expect(dedicated.stdout).toBe("No DEDICATED images match; list the others with --type BUILD_IN.\n");
  });
});
