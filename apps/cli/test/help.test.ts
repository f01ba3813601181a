import { readFileSync } from "node:fs";
import {
  CREATE_IMAGE_FIELDS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  LIST_IMAGES_QUERY_FIELDS,
} from "@notebook-image/client";
import { describe, expect, it } from "vitest";
import { commands, groupFlags } from "../src/commands.js";
import { ExitCode } from "../src/exit-codes.js";
import { runBin, runCli } from "./cli.js";
import { expectClean } from "./expect-clean.js";

describe("help and version", () => {
  it("--help shows usage, every flag, the credential variables, exit codes and examples", async () => {
    // The bin itself, as the release starts it: the help on its real stdout, exit status 0.
    const result = await runBin(["--help"]);
    expectClean(result);
    expect(result.code).toBe(0);
    for (const text of [
      "notebook-image save <instance-id> [options]",
      "notebook-image wait <image-id> [options]",
      "notebook-image image show <image-id>",
      "notebook-image image list [options]",
      "notebook-image image delete <image-id>",
      "notebook-image notebook show <instance-id>",
      "--wait ",
      "--wait-timeout <seconds>",
      "--poll-interval <seconds>",
      "--force",
      "--tag",
      "--description",
      "--workspace-id",
      "--project-id",
      "--region",
      "--endpoint",
      "--header 'Name: value'",
      "--token-file",
      "--json",
      "--dry-run",
      "NOTEBOOK_IMAGE_TOKEN",
      "HUAWEICLOUD_SDK_AK",
      "HUAWEICLOUD_SDK_PROJECT_ID",
      "Exit status",
      "Examples",
    ]) {
      expect(result.stdout).toContain(text);
    }
    // Every exit code is documented, once, with its number.
    for (const code of Object.values(ExitCode))
      expect(result.stdout).toMatch(new RegExp(`^  ${code} \\S`, "m"));
  });

  it("has a flag for every body field and ListImage parameter of the spec, with the spec's defaults", async () => {
    const { stdout } = await runCli(["--help"]);
    for (const field of [...CREATE_IMAGE_FIELDS, ...LIST_IMAGES_QUERY_FIELDS]) {
      const flag = `--${field.name.replaceAll("_", "-")} <`;
      expect(stdout, field.name).toContain(flag);
      if (field.default !== undefined && field.name !== "limit" && field.name !== "offset") {
        const line = stdout.slice(stdout.indexOf(flag)).split("\n").slice(0, 2).join(" ");
        expect(line, field.name).toContain(`the API's default: ${JSON.stringify(field.default)}`);
      }
    }
  });

  it("quotes the client's defaults: request timeout, retries, wait limit and poll interval", async () => {
    const { stdout } = await runCli(["--help"]);
    expect(stdout).toMatch(new RegExp(`--timeout <seconds> .*\\(default: ${DEFAULT_TIMEOUT_MS / 1000}\\)`));
    expect(stdout).toMatch(new RegExp(`\\(default: ${DEFAULT_RETRIES}\\)`));
    expect(stdout).toMatch(
      new RegExp(`--wait-timeout <seconds> .*\\(default: ${DEFAULT_WAIT_TIMEOUT_MS / 1000}\\)`),
    );
    expect(stdout).toMatch(
      new RegExp(`--poll-interval <seconds> .*\\(default: ${DEFAULT_POLL_INTERVAL_MS / 1000}\\)`),
    );
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    "%s --help is its own help: usage, its flags, an example and its exit codes",
    async (name, info) => {
      const result = await runCli([...name.split(" "), "--help"]);
      expectClean(result);
      expect(result.code).toBe(0);
      const { stdout } = result;
      expect(stdout).toContain(
        `notebook-image ${name}${info.operand === undefined ? "" : ` ${info.operand}`} [options]`,
      );
      for (const flag of info.groups.flatMap((g) => groupFlags(g))) expect(stdout).toContain(`--${flag} `);
      // Not another command's options.
      const others = commands
        .filter((c) => c !== info)
        .flatMap((c) => c.groups.flatMap((g) => groupFlags(g)));
      const mine = new Set(info.groups.flatMap((g) => groupFlags(g)));
      for (const flag of others.filter((f) => !mine.has(f)))
        expect(stdout, flag).not.toMatch(new RegExp(`--${flag}(?![\\w-])`));
      expect(stdout).toContain("--endpoint <url>");
      expect(stdout).toMatch(new RegExp(`Examples\n  # .+\n  notebook-image ${name} `));
      for (const code of info.exitCodes) expect(stdout).toMatch(new RegExp(`^  ${code} \\S`, "m"));
      // `help <command>` says the same.
      const viaHelp = await runCli(["help", ...name.split(" ")]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(stdout);
    },
  );

  it.each(["image", "notebook"])("%s --help lists its subcommands and exits 0", async (group) => {
    const result = await runCli([group, "--help"]);
    expectClean(result);
    expect(result.code).toBe(0);
    for (const c of commands.filter((c) => c.name.startsWith(`${group} `))) {
      expect(result.stdout).toContain(`  ${c.name}  `);
    }
    expect((await runCli(["help", group])).stdout).toBe(result.stdout);
    // Without --help a subcommand is still needed.
    expect((await runCli([group])).code).toBe(2);
  });

  it("help alone is the whole help; help of an unknown command is a usage error", async () => {
    const [help, top] = await Promise.all([runCli(["help"]), runCli(["--help"])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(top.stdout);
    const unknown = await runCli(["help", "sav"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean 'save'?");
  });

  it("no command prints the help on stderr and exits 2", async () => {
    const result = await runBin([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage");
  });

  it("an unknown command exits 2", async () => {
    const result = await runCli(["sav", "x"]);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "'sav': unknown command; did you mean 'save'? (commands: save, wait, image, notebook, help, completion, configure)",
    );
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const result = await runBin(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });
});
