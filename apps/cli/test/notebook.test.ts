// The notebook commands against the stateful server (startServer()): instances really move
// CREATING → STARTING → RUNNING, STOPPING → STOPPED and DELETING → gone, as the server's
// transitions set the pace; a failure is set with its control API. The terminal output of
// `notebook create --wait` is checked under a pseudo-terminal; the mock checks what is sent.
import { LIST_NOTEBOOKS_DEFAULT_LIMIT } from "@notebook-image/client";
import { startRecordingServer } from "@notebook-image/devkit";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { PROJECT_ID, runCli, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { finalScreen, runCliInPty } from "./pty.js";
import { testServer } from "./server.js";
import { EXAMPLE_INSTANCE_ID } from "./spec-examples.js";

const server = testServer();
const connection = () => ["--project-id", server.projectId, "--endpoint", server.url];
const fast = ["--wait", "--poll-interval", "0.05"];
/** The statuses of the plain view's `[m:ss] name (id) STATUS` lines. */
const statusLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => /^\[\d+:\d\d\] /.test(line))
    .map((line) => /\) (\S+)/.exec(line)?.[1]);

let builtInImage: string;
beforeAll(async () => {
  // The first built-in image, as a user finds it: ListImage lists BUILD_IN by default.
  const listed = await runCli(["image", "list", "--json", ...connection()], server.env);
  expect(listed.code).toBe(ExitCode.ok);
  builtInImage = (JSON.parse(listed.stdout) as { id: string }[])[0]?.id ?? "";
  expect(builtInImage).not.toBe("");
  // One CLI run, given the time a test has: a process start is slow on a loaded machine.
}, 30_000);

let created = 0;
/** `notebook create` of a new instance from the built-in image, under a name of its own. */
function createArgs(...extra: string[]): string[] {
  created += 1;
  return [
    "notebook",
    "create",
    "--name",
    `cli-${process.pid}-${created}`,
    "--flavor",
    "modelarts.vm.cpu.2u",
    "--image-id",
    builtInImage,
    "--volume-category",
    "EVS",
    "--volume-ownership",
    "MANAGED",
    ...connection(),
    ...extra,
  ];
}

describe("notebook commands against the server", () => {
  it("create --wait without a terminal: one line per status change, then the RUNNING instance; exit 0", async () => {
    // Each step lasts long enough to be polled even on a loaded machine (polls every 50 ms).
    await server.transitions({ mode: "time", creatingAfterMs: 600, activeAfterMs: 3000 });
    const result = await runCli(createArgs(...fast), server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.ok);
    expect(statusLines(result.stderr)).toEqual(["CREATING", "STARTING", "RUNNING"]);
    expect(result.stdout).toMatch(/^Notebook cli-\d+-\d+ is RUNNING\n/);
    expect(result.stdout).toContain(builtInImage);
  });

  it("the lifecycle: create, stop, start, delete, each --wait --json; then the instance is gone", async () => {
    await server.transitions({ mode: "immediate" });
    const create = await runCli(createArgs(...fast, "--json"), server.env);
    expectClean(create);
    expect(create.code).toBe(ExitCode.ok);
    const notebook = JSON.parse(create.stdout) as { id: string; status: string; image: { id: string } };
    expect(notebook).toMatchObject({ status: "RUNNING", image: { id: builtInImage } });

    const stop = await runCli(
      ["notebook", "stop", notebook.id, ...fast, "--json", ...connection()],
      server.env,
    );
    expect(stop.code).toBe(ExitCode.ok);
    expect(JSON.parse(stop.stdout)).toMatchObject({ id: notebook.id, status: "STOPPED" });

    const start = await runCli(
      ["notebook", "start", notebook.id, ...fast, "--json", ...connection()],
      server.env,
    );
    expect(start.code).toBe(ExitCode.ok);
    expect(JSON.parse(start.stdout)).toMatchObject({ id: notebook.id, status: "RUNNING" });

    const remove = await runCli(
      ["notebook", "delete", notebook.id, ...fast, "--json", ...connection()],
      server.env,
    );
    expect(remove.code).toBe(ExitCode.ok);
    expect(JSON.parse(remove.stdout)).toEqual({ id: notebook.id, status: "DELETED" });

    const show = await runCli(["notebook", "show", notebook.id, ...connection()], server.env);
    expect(show.code).toBe(ExitCode.api);
    expect(show.stderr).toContain("ModelArts.6309");
  });

  it("a refused call exits 3 with the API's code: starting a RUNNING instance", async () => {
    const id = await server.newNotebook();
    const result = await runCli(["notebook", "start", id, ...connection()], server.env);
    expect(result.code).toBe(ExitCode.api);
    expect(result.stderr).toMatch(
      /^error: the API refused the start of notebook \S+: HTTP 400 ModelArts\.\d+\n/,
    );
  });

  it("without --wait: the instance in its new status, and the command that shows it", async () => {
    await server.transitions({ mode: "manual" });
    const id = await server.newNotebook();
    const result = await runCli(["notebook", "stop", id, ...connection()], server.env);
    expectClean(result);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/is STOPPING\n/);
    expect(result.stdout).toContain(`notebook-image notebook show ${id} --project-id ${server.projectId}`);
  });

  it("--wait on an instance that fails exits 5 with its status; --wait-timeout exits 6", async () => {
    // Held CREATING until the control API sets the failure, as ModelArts would report one.
    await server.transitions({ mode: "manual" });
    const args = createArgs("--wait", "--poll-interval", "0.05");
    const name = args[args.indexOf("--name") + 1];
    const waiting = runCli(args, server.env);
    let id: string | undefined;
    for (let attempt = 0; attempt < 200 && id === undefined; attempt++) {
      id = (await server.notebooks()).find((n) => n.name === name)?.id;
      if (id === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(id).toBeDefined();
    await server.setNotebookStatus(id as string, "CREATE_FAILED");
    const failed = await waiting;
    expect(failed.code).toBe(ExitCode.saveFailed);
    expect(failed.stderr).toMatch(
      new RegExp(`error: notebook ${id} failed after \\d+:\\d\\d: CREATE_FAILED`),
    );

    const held = await server.newNotebook();
    const timedOut = await runCli(
      [
        "notebook",
        "stop",
        held,
        "--wait",
        "--poll-interval",
        "0.05",
        "--wait-timeout",
        "0.3",
        ...connection(),
      ],
      server.env,
    );
    expect(timedOut.code).toBe(ExitCode.waitTimedOut);
    expect(timedOut.stderr).toMatch(/is still STOPPING after \d+:\d\d, not STOPPED yet/);
    expect(timedOut.stderr).toContain(`notebook-image notebook show ${held}`);
  });

  it("list reads every page, filtered by the spec's filters; --limit reads one", async () => {
    const name = `paged-${process.pid}`;
    const count = LIST_NOTEBOOKS_DEFAULT_LIMIT + 2;
    for (let i = 0; i < count; i++) await server.newNotebook({ name });
    const all = await runCli(["notebook", "list", "--name", name, "--json", ...connection()], server.env);
    expect(all.code).toBe(ExitCode.ok);
    const listed = JSON.parse(all.stdout) as { name: string }[];
    expect(listed).toHaveLength(count);
    expect(listed.every((n) => n.name === name)).toBe(true);

    const page = await runCli(
      ["notebook", "list", "--name", name, "--limit", "2", ...connection()],
      server.env,
    );
    expect(page.code).toBe(ExitCode.ok);
    expect(page.stdout).toContain(`2 of ${count} instances`);
    expect(page.stdout.split("\n")[0]).toMatch(/^INSTANCE ID\s+NAME\s+STATUS/);
  });

  it("list shows a name's control characters as escapes, never obeyed, in columns that still line up", async () => {
    const name = `evil\u001b]0;pwned\u0007-${process.pid}`;
    await server.newNotebook({ name });
    const result = await runCli(["notebook", "list", ...connection()], server.env);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).not.toContain("\u0007");
    const [header = "", ...rows] = result.stdout.split("\n");
    const row = rows.find((line) => line.includes("evil\\x1b]0;pwned\\x07")) ?? "";
    expect(row).not.toBe("");
    // Each column starts where its heading does: the escape's width counts, not the one character.
    expect(row.indexOf("RUNNING")).toBe(header.indexOf("STATUS"));
    // --json keeps the exact name.
    const json = await runCli(["notebook", "list", "--json", ...connection()], server.env);
    expect((JSON.parse(json.stdout) as { name: string }[]).map((n) => n.name)).toContain(name);
  });

  it("create --wait on a terminal: one live line, redrawn, that ends with ✔ and RUNNING", async () => {
    await server.transitions({ mode: "time", creatingAfterMs: 400, activeAfterMs: 3000 });
    const { code, screen } = await runCliInPty(createArgs(...fast), server.env);
    expect(code).toBe(ExitCode.ok);
    const lines = finalScreen(screen);
    expect(lines).toContainEqual(expect.stringMatching(/^✔ cli-\d+-\d+ \(\S+\) RUNNING \d+:\d\d$/));
    // Redrawn in place: the earlier statuses were drawn on the same line, not one line each.
    expect(screen).toMatch(/CREATING[^\n]*\r[^\n]*STARTING[^\n]*\r[^\n]*RUNNING/);
    expect(lines.filter((line) => /CREATING|STARTING/.test(line))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^Notebook cli-\d+-\d+ is RUNNING$/));
  });
});

describe("notebook flags", () => {
  it("are checked against the spec before anything is sent, each problem naming its flag and rule", async () => {
    const recorder = await startRecordingServer();
    try {
      const result = await runCli(
        [
          "notebook",
          "create",
          "--name",
          "has space",
          "--flavor",
          "modelarts.vm.cpu.2u",
          "--image-id",
          "not-a-uuid",
          "--volume-capacity",
          "0",
          "--lease-type",
          "weekly",
          "--project-id",
          server.projectId,
          "--endpoint",
          recorder.url,
        ],
        server.env,
      );
      expect(result.code).toBe(ExitCode.usage);
      expect(recorder.requests).toEqual([]);
      const problems = result.stderr.split("\n").filter((line) => line.startsWith("  --"));
      expect(problems).toEqual([
        expect.stringMatching(
          /^ {2}--name: must match pattern .* \(letters, digits, '-', '_' or Chinese characters\)$/,
        ),
        "  --image-id: must be a UUID",
        // A volume given in part: its missing required fields, by their flags.
        "  --volume-category: is required",
        "  --volume-ownership: is required",
        expect.stringMatching(/^ {2}--volume-capacity: must be at least 1 \(got 0\)$/),
        expect.stringMatching(/^ {2}--lease-type: must be one of TIMING, IDLE.* \(got "weekly"\)$/),
      ]);

      // No volume flag at all: the flags of the volume's required fields are named, not `volume`.
      const noVolume = await runCli(
        [
          "notebook",
          "create",
          "--name",
          "n",
          "--flavor",
          "f",
          "--image-id",
          EXAMPLE_INSTANCE_ID,
          "--project-id",
          server.projectId,
          "--endpoint",
          recorder.url,
        ],
        server.env,
      );
      expect(noVolume.code).toBe(ExitCode.usage);
      expect(noVolume.stderr.split("\n").filter((line) => line.startsWith("  "))).toEqual([
        "  --volume-category: is required",
        "  --volume-ownership: is required",
      ]);

      const list = await runCli(
        [
          "notebook",
          "list",
          "--status",
          "running",
          "--limit",
          "0",
          "--endpoint",
          recorder.url,
          "--project-id",
          server.projectId,
        ],
        server.env,
      );
      expect(list.code).toBe(ExitCode.usage);
      expect(list.stderr).toMatch(/--status: must be one of .*; did you mean RUNNING\?/);
      expect(list.stderr).toMatch(/--limit: must be at least 1/);
      const start = await runCli(
        [
          "notebook",
          "start",
          "x",
          "--duration",
          "60",
          "--endpoint",
          recorder.url,
          "--project-id",
          server.projectId,
        ],
        server.env,
      );
      expect(start.code).toBe(ExitCode.usage);
      expect(start.stderr).toContain("<instance-id>: must be a UUID");
      expect(start.stderr).toMatch(/--duration: must be at least \d+ \(got 60\)/);
      // --wait-timeout means nothing without --wait.
      const stop = await runCli(
        [
          "notebook",
          "stop",
          "x",
          "--wait-timeout",
          "5",
          "--endpoint",
          recorder.url,
          "--project-id",
          server.projectId,
        ],
        server.env,
      );
      expect(stop.stderr).toContain("--wait-timeout: only applies with --wait");
      expect(recorder.requests).toEqual([]);
    } finally {
      await recorder.close();
    }
  });

  it("--dry-run shows the CreateNotebook body, nested as the spec has it, without credentials", async () => {
    const result = await runCli([...createArgs("--lease-duration", "7200000"), "--dry-run", "--json"]);
    expect(result.code).toBe(ExitCode.ok);
    const preview = JSON.parse(result.stdout) as { method: string; url: string; body: unknown };
    expect(preview.method).toBe("POST");
    expect(new URL(preview.url).pathname).toBe(`/v1/${server.projectId}/notebooks`);
    expect(preview.body).toEqual({
      name: expect.stringMatching(/^cli-/),
      flavor: "modelarts.vm.cpu.2u",
      image_id: builtInImage,
      volume: { category: "EVS", ownership: "MANAGED" },
      lease: { duration: 7200000 },
    });
  });
});

describe("notebook commands against the mock (Prism checks each request against the spec)", () => {
  const apiUrl = inject("apiUrl");
  const mock = ["--project-id", PROJECT_ID, "--endpoint", apiUrl, "--retries", "0"];
  const env = { NOTEBOOK_IMAGE_TOKEN: TOKEN };

  it("create answers with the spec's CREATING instance; list, stop and delete pass Prism's checks", async () => {
    const create = await runCli(
      [
        "notebook",
        "create",
        "--name",
        "from-mock",
        "--flavor",
        "modelarts.vm.cpu.2u",
        "--image-id",
        EXAMPLE_INSTANCE_ID,
        "--volume-category",
        "EVS",
        "--volume-ownership",
        "MANAGED",
        ...mock,
      ],
      env,
    );
    expectClean(create);
    expect(create.code).toBe(ExitCode.ok);
    expect(create.stdout).toMatch(/ is CREATING\n/);
    for (const args of [["list"], ["stop", EXAMPLE_INSTANCE_ID], ["delete", EXAMPLE_INSTANCE_ID]]) {
      const result = await runCli(["notebook", ...args, ...mock], env);
      expect(result.code, args.join(" ")).toBe(ExitCode.ok);
    }
  });

  it("an error the spec gives StartNotebook exits 3 with its code and message", async () => {
    const result = await runCli(
      [
        "notebook",
        "start",
        EXAMPLE_INSTANCE_ID,
        "--header",
        "Prefer: code=400, example=InstanceAlreadyRunning",
        ...mock,
      ],
      env,
    );
    expect(result.code).toBe(ExitCode.api);
    expect(result.stderr).toMatch(
      /^error: the API refused the start of notebook \S+: HTTP 400 ModelArts\.\d+\n/,
    );
  });
});
