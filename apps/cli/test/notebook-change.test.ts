// `notebook update`, `notebook renew` and `notebook wait` against the stateful server
// (startServer()): what each sends and prints, its exit codes, and the usage errors found before
// anything is sent. The Ctrl-C of `notebook wait` is checked under a pseudo-terminal.
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { runCli } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { finalScreen, runCliInPty } from "./pty.js";
import { testServer } from "./server.js";

const server = testServer();
const connection = () => ["--project-id", server.projectId, "--endpoint", server.url];

async function stoppedNotebook(): Promise<string> {
  const id = await server.newNotebook();
  await server.setNotebookStatus(id, "STOPPED");
  return id;
}

describe("notebook update", () => {
  it("changes a stopped instance's name and flavor and prints it; --json is the instance", async () => {
    const id = await stoppedNotebook();
    const result = await runCli(
      ["notebook", "update", id, "--name", "cli-renamed", "--flavor", "modelarts.vm.cpu.8u", ...connection()],
      server.env,
    );
    expectClean(result);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/^Notebook cli-renamed was updated\n/);
    expect(result.stdout).toContain("modelarts.vm.cpu.8u");

    const json = await runCli(
      ["notebook", "update", id, "--description", "from the CLI", "--json", ...connection()],
      server.env,
    );
    expect(json.code).toBe(ExitCode.ok);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id,
      name: "cli-renamed",
      description: "from the CLI",
      flavor: "modelarts.vm.cpu.8u",
      status: "STOPPED",
    });
  });

  it("a running instance is refused: exit 3 with the API's code and what to do", async () => {
    const id = await server.newNotebook();
    const result = await runCli(["notebook", "update", id, "--name", "not-now", ...connection()], server.env);
    expect(result.code).toBe(ExitCode.api);
    expect(result.stderr).toMatch(
      /^error: the API refused the update of notebook \S+: HTTP 400 ModelArts\.6357\n/,
    );
    expect(result.stderr).toContain("stop it, wait until it is STOPPED, then update it");
  });

  it("nothing to change, a value against the spec's rule and a misspelt flag: exit 2, nothing sent", async () => {
    const id = await stoppedNotebook();
    const nothing = await runCli(["notebook", "update", id, ...connection()], server.env);
    expect(nothing.code).toBe(ExitCode.usage);
    expect(nothing.stderr).toMatch(/nothing to change: give one or more of --name, --description, --flavor/);

    const bad = await runCli(
      ["notebook", "update", id, "--name", "has spaces", "--flavour", "x", ...connection()],
      server.env,
    );
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/--name: must match pattern/);
    expect(bad.stderr).toContain("--flavour: unknown option; did you mean --flavor?");
    expect(
      JSON.parse((await runCli(["notebook", "show", id, "--json", ...connection()], server.env)).stdout),
    ).toMatchObject({ status: "STOPPED" });
  });
});

describe("notebook renew", () => {
  it("lets a running instance run --duration ms from now, and prints until when", async () => {
    const id = await server.newNotebook();
    const json = await runCli(
      ["notebook", "renew", id, "--duration", "7200000", "--json", ...connection()],
      server.env,
    );
    expectClean(json);
    expect(json.code).toBe(ExitCode.ok);
    const lease = JSON.parse(json.stdout) as { create_at: number; duration: number; update_at: number };
    expect(lease.create_at + lease.duration - lease.update_at).toBe(7_200_000);

    const text = await runCli(["notebook", "renew", id, "--type", "IDLE", ...connection()], server.env);
    expect(text.code).toBe(ExitCode.ok);
    expect(text.stdout).toMatch(/^The lease of notebook \S+ was renewed\n/);
    expect(text.stdout).toMatch(/runs until\s+\d{4}-\d\d-\d\dT/);
    expect(text.stdout).toMatch(/stop\s+IDLE/);
  });

  it("a stopped instance is refused (exit 3, 6307, start it instead); a duration out of range is exit 2", async () => {
    const id = await stoppedNotebook();
    const stopped = await runCli(["notebook", "renew", id, ...connection()], server.env);
    expect(stopped.code).toBe(ExitCode.api);
    expect(stopped.stderr).toContain("ModelArts.6307");
    expect(stopped.stderr).toContain("start it instead (a start sets a new lease)");

    const short = await runCli(["notebook", "renew", id, "--duration", "60000", ...connection()], server.env);
    expect(short.code).toBe(ExitCode.usage);
    expect(short.stderr).toContain("--duration: must be at least 3600000 (got 60000)");
  });
});

describe("notebook wait", () => {
  it("ends at once when the instance is already what --until asks (RUNNING by default)", async () => {
    const id = await server.newNotebook();
    const result = await runCli(
      ["notebook", "wait", id, "--poll-interval", "0.05", ...connection()],
      server.env,
    );
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/is RUNNING\n/);
    const gone = await runCli(
      ["notebook", "wait", "00000000-0000-4000-8000-000000000000", "--until", "deleted", ...connection()],
      server.env,
    );
    expect(gone.code).toBe(ExitCode.ok);
    expect(gone.stdout).toContain("is gone (deleted)");
  });

  it("follows a stop to STOPPED; a misspelt --until is exit 2 with a suggestion", async () => {
    await server.transitions({ mode: "time", creatingAfterMs: 600, activeAfterMs: 3000 });
    const id = await server.newNotebook();
    expect((await runCli(["notebook", "stop", id, ...connection()], server.env)).code).toBe(ExitCode.ok);
    const waited = await runCli(
      ["notebook", "wait", id, "--until", "stopped", "--poll-interval", "0.05", "--json", ...connection()],
      server.env,
    );
    expect(waited.code).toBe(ExitCode.ok);
    expect(JSON.parse(waited.stdout)).toMatchObject({ id, status: "STOPPED" });

    const typo = await runCli(["notebook", "wait", id, "--until", "stoped", ...connection()], server.env);
    expect(typo.code).toBe(ExitCode.usage);
    expect(typo.stderr).toContain(
      "--until: must be RUNNING, STOPPED, deleted (any case), not 'stoped'; did you mean STOPPED?",
    );
  });

  it("Ctrl-C stops waiting (exit 130) and says the instance's operation goes on", async () => {
    await server.transitions({ mode: "manual" });
    const id = await server.newNotebook();
    expect((await runCli(["notebook", "stop", id, ...connection()], server.env)).code).toBe(ExitCode.ok);
    const { code, screen } = await runCliInPty(
      ["notebook", "wait", id, "--until", "STOPPED", "--poll-interval", "0.05", ...connection()],
      server.env,
      { interruptWhen: (shown) => shown.includes("STOPPING") },
    );
    expect(code).toBe(ExitCode.interrupted);
    const text = finalScreen(screen).join("\n");
    expect(text).toContain(`no longer waiting for notebook ${id} (last seen STOPPING)`);
    expect(text).toContain("It goes on in ModelArts");
    const shown = await runCli(["notebook", "show", id, "--json", ...connection()], server.env);
    expect(JSON.parse(shown.stdout).status).toBe("STOPPING");
  });
});
