// `notebook-image completion bash|zsh|fish`: the bash script is sourced in a real bash and asked,
// as the shell asks on Tab, what completes each line.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

/** What bash's completion offers for `line` (the cursor at its end), with the script loaded. */
function completions(script: string, line: string): string[] {
  const words = line.split(" ");
  const program = `
    source /dev/stdin <<'SCRIPT'
${script}
SCRIPT
    COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})
    COMP_CWORD=${words.length - 1}
    COMP_LINE='${line}'
    COMP_POINT=${line.length}
    _notebook_image
    printf '%s\\n' "\${COMPREPLY[@]}"
  `;
  const result = spawnSync("bash", ["--norc", "-c", program], { encoding: "utf8", timeout: 10_000 });
  if (result.status !== 0) throw new Error(`bash failed: ${result.stderr}`);
  return result.stdout.split("\n").filter((w) => w !== "");
}

describe("completion bash", () => {
  it("completes commands, subcommands, each command's own flags and the spec's enum values", async () => {
    const result = await runCli(["completion", "bash"]);
    expect(result.code).toBe(0);
    const script = result.stdout;
    expect(completions(script, "notebook-image ")).toEqual(
      expect.arrayContaining(["save", "wait", "image", "notebook", "help", "completion"]),
    );
    expect(completions(script, "notebook-image im")).toEqual(["image"]);
    expect(completions(script, "notebook-image image ")).toEqual(["show", "list", "delete", "--help"]);
    expect(completions(script, "notebook-image image list --ty")).toEqual(["--type"]);
    expect(completions(script, "notebook-image image list --type ")).toEqual(["BUILD_IN", "DEDICATED"]);
    // Each command's own values of a flag two commands share: StartNotebook's --type is the lease's.
    expect(completions(script, "notebook-image notebook start x --type ")).toEqual(
      expect.arrayContaining(["TIMING", "IDLE"]),
    );
    expect(completions(script, "notebook-image notebook start x --type ")).not.toContain("BUILD_IN");
    expect(completions(script, "notebook-image notebook list --status ")).toEqual(
      expect.arrayContaining(["RUNNING", "STOPPED"]),
    );
    expect(completions(script, "notebook-image notebook create --volume-c")).toEqual([
      "--volume-category",
      "--volume-capacity",
    ]);
    expect(completions(script, "notebook-image notebook create --volume-category ")).toEqual(
      expect.arrayContaining(["EVS", "OBS"]),
    );
    expect(completions(script, "notebook-image notebook ")).toEqual(
      expect.arrayContaining(["create", "list", "start", "stop", "delete", "show"]),
    );
    expect(completions(script, "notebook-image image delete x --f")).toEqual(["--force"]);
    // --force is image delete's, not image show's; --wait is save's.
    expect(completions(script, "notebook-image image show x --f")).toEqual([]);
    expect(completions(script, "notebook-image save x --wa")).toEqual(["--wait", "--wait-timeout"]);
    // The value of an option is not taken for a command word.
    expect(completions(script, "notebook-image --endpoint http://x save x --na")).toEqual([
      "--name",
      "--namespace",
    ]);
    expect(completions(script, "notebook-image completion ")).toEqual(["bash", "zsh", "fish"]);
    expect(completions(script, "notebook-image co")).toEqual(["completion", "configure"]);
    expect(completions(script, "notebook-image configure --pro")).toEqual(["--profile", "--project-id"]);
    expect(completions(script, "notebook-image help image ")).toEqual(["show", "list", "delete"]);
  });

  it("zsh loads the same function through bashcompinit; fish gets one complete line per word", async () => {
    const zsh = await runCli(["completion", "zsh"]);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef notebook-image\n/);
    expect(zsh.stdout).toContain("bashcompinit");
    expect(zsh.stdout).toContain("complete -F _notebook_image notebook-image");
    const fish = await runCli(["completion", "fish"]);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c notebook-image -n __fish_use_subcommand -a save");
    expect(fish.stdout).toContain(
      "complete -c notebook-image -n '__fish_seen_subcommand_from image; and __fish_seen_subcommand_from list' -l type -x -a 'BUILD_IN DEDICATED'",
    );
  });

  it("an unknown shell is a usage error naming the ones there are", async () => {
    const result = await runCli(["completion", "tcsh"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'tcsh': give one shell: notebook-image completion bash|zsh|fish");
  });
});
