// Terminal control sequences from the network never reach the terminal (issue 21): a server that
// answers OSC 0, OSC 8, CSI, U+009B, CR and BEL in every string, through every command and error
// path, piped and on a real pseudo-terminal. --json stays the exact JSON.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { INSTANCE_ID, PROJECT_ID, runCli, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { HOSTILE, HOSTILE_CONTROLS, type HostileApi, IDS, startHostileApi } from "./hostile-api.js";
import { runCliInPty } from "./pty.js";

const env = { NOTEBOOK_IMAGE_TOKEN: TOKEN };
let api: HostileApi;
beforeAll(async () => {
  api = await startHostileApi();
});
afterAll(() => api.close());

const where = () => ["--project-id", PROJECT_ID, "--endpoint", api.url];
const fast = ["--poll-interval", "0.05"];

/** Every command and error path that prints strings of the API's answers, with its exit code. */
const runs: [string, () => string[], number][] = [
  ["save", () => ["save", INSTANCE_ID, "--name", "n", "--namespace", "o", ...where()], ExitCode.ok],
  [
    "save --wait",
    () => ["save", INSTANCE_ID, "--name", "n", "--namespace", "o", "--wait", ...fast, ...where()],
    ExitCode.ok,
  ],
  ["wait, ending CREATE_FAILED", () => ["wait", IDS.failed, ...fast, ...where()], ExitCode.saveFailed],
  ["image show", () => ["image", "show", IDS.active, ...where()], ExitCode.ok],
  ["image show, refused", () => ["image", "show", IDS.refused, ...where()], ExitCode.api],
  ["image list", () => ["image", "list", ...where()], ExitCode.ok],
  ["image delete, refused", () => ["image", "delete", IDS.active, ...where()], ExitCode.api],
  ["notebook show", () => ["notebook", "show", INSTANCE_ID, ...where()], ExitCode.ok],
];

/** C0 controls but line feed (and tab), DEL and C1: what a pipe may never get from the CLI. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("piped, strings from the network are shown, never obeyed", () => {
  it.each(runs)("%s", async (_name, args, code) => {
    const result = await runCli(args(), env);
    expectClean(result);
    expect(result.code).toBe(code);
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(ANY_CONTROL);
    // What the server sent is still there for the user to see, its controls as visible escapes.
    expect(output).toContain("evil\\x1b]0;pwned\\x07");
  });

  it("the error words name the code, message and request id, each neutralised", async () => {
    const result = await runCli(["image", "show", IDS.refused, ...where()], env);
    expect(result.stderr).toContain("HTTP 400 evil\\x1b]0;pwned\\x07");
    expect(result.stderr).toContain("request id: req\\x9b2Jid");
  });

  it("--json stays the exact JSON: the strings parse back to what the server sent", async () => {
    const shown = await runCli(["image", "show", IDS.active, "--json", ...where()], env);
    expect(shown.code).toBe(ExitCode.ok);
    expect(shown.stdout).not.toMatch(ANY_CONTROL);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: HOSTILE, status_message: HOSTILE });
    const refused = await runCli(["image", "show", IDS.refused, "--json", ...where()], env);
    expect(refused.stdout).not.toMatch(ANY_CONTROL);
    expect(JSON.parse(refused.stdout)).toMatchObject({ errorCode: HOSTILE, requestId: "req\u009b2Jid" });
  });
});

describe("on a terminal, only the CLI's own sequences reach the screen", () => {
  it.each(runs)("%s", async (_name, args, code) => {
    const { code: exit, screen } = await runCliInPty(args(), env);
    expect(exit).toBe(code);
    for (const control of HOSTILE_CONTROLS) expect(screen).not.toContain(control);
    expect(screen).toContain("evil\\x1b]0;pwned\\x07");
  });

  it("the CLI's own colours and live line still work", async () => {
    const refused = await runCliInPty(["image", "show", IDS.refused, ...where()], env);
    expect(refused.screen).toContain("\u001b[31merror:\u001b[39m");
    const waited = await runCliInPty(["wait", IDS.active, ...fast, ...where()], env);
    expect(waited.screen).toContain("\r\u001b[2K");
  });
});
