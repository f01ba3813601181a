import { describe, expect, it } from "vitest";
import { parseCommand } from "./args.js";

const id = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";

describe("parseCommand", () => {
  it("maps body flags to body fields and leaves out the flags not given", () => {
    const command = parseCommand(["save", id, "--name", "n", "--workspace-id", "0", "--namespace=o"]);
    expect(command).toMatchObject({
      kind: "save",
      problems: [],
      options: { instanceId: id, body: { name: "n", namespace: "o", workspace_id: "0" } },
    });
    if (command.kind === "save") expect(Object.keys(command.options.body)).toHaveLength(3);
  });

  it("keeps repeated --header flags in order and splits at the first colon only", () => {
    const command = parseCommand(["save", id, "--header", "Prefer: code=400", "--header", "X-A:b:c"]);
    expect(command.kind === "save" && command.options.headers).toEqual([
      ["Prefer", "code=400"],
      ["X-A", "b:c"],
    ]);
  });

  it("takes the word after an unknown option as its value, not as the instance id", () => {
    const command = parseCommand(["save", "--nmae", "x", id]);
    expect(command).toMatchObject({
      kind: "save",
      options: { instanceId: id },
      problems: [{ subject: "--nmae", message: "unknown option; did you mean --name?" }],
    });
  });

  it("flags a value given twice, a boolean given a value and an extra argument", () => {
    const command = parseCommand(["save", id, "extra", "--tag", "a", "--tag", "b", "--json=yes"]);
    expect(command.kind === "save" && command.problems.map((p) => `${p.subject}: ${p.message}`)).toEqual([
      "--tag: given more than once",
      "--json: takes no value",
      "'extra': unexpected argument",
    ]);
  });

  it("reads --timeout as seconds and --retries as a count", () => {
    const command = parseCommand(["save", id, "--timeout", "1.5", "--retries", "0"]);
    expect(command).toMatchObject({ kind: "save", options: { timeoutMs: 1500, retries: 0 } });
    const bad = parseCommand(["save", id, "--timeout", "0", "--retries", "-1"]);
    expect(bad.kind === "save" && bad.problems.map((p) => p.subject)).toEqual(["--timeout", "--retries"]);
  });

  it("knows help and version from save", () => {
    expect(parseCommand(["--version"])).toEqual({ kind: "version" });
    expect(parseCommand(["save", "-h"])).toEqual({ kind: "help", toStderr: false });
    expect(parseCommand([])).toEqual({ kind: "help", toStderr: true });
  });
});
