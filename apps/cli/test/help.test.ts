import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { runCli } from "./cli.js";
import { expectClean } from "./expect-clean.js";

describe("help and version", () => {
  it("--help shows usage, every flag, the credential variables, exit codes and examples", async () => {
    const result = await runCli(["--help"]);
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

  it("save --help is the same help", async () => {
    const [top, save] = await Promise.all([runCli(["--help"]), runCli(["save", "--help"])]);
    expect(save.stdout).toBe(top.stdout);
  });

  it("no command prints the help on stderr and exits 2", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage");
  });

  it("an unknown command exits 2", async () => {
    const result = await runCli(["sav", "x"]);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "'sav': unknown command; did you mean 'save'? (commands: save, wait, image, notebook)",
    );
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });
});
