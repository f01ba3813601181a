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
