import { describe, expect, it } from "vitest";
import { type Command, parseCommand } from "./args.js";
import { bodyFlags, queryFlags } from "./field-flags.js";

const id = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";

function invocation(command: Command) {
  if (command.kind !== "run") throw new Error(`expected a command to run, got ${command.kind}`);
  return command;
}

describe("parseCommand", () => {
  it("maps body flags to body fields and leaves out the flags not given", () => {
    const { invocation: inv, problems } = invocation(
      parseCommand(["save", id, "--name", "n", "--workspace-id", "0", "--namespace=o"]),
    );
    expect(problems).toEqual([]);
    expect(inv).toMatchObject({ command: "save", operand: id });
    expect(inv.body).toEqual({ name: "n", namespace: "o", workspace_id: "0" });
  });

  it("has one flag per body field, named after it", () => {
    for (const f of bodyFlags) expect(f.flag).toBe(f.field.replaceAll("_", "-"));
  });

  it("types the ListImage query by the spec's types, and keeps text that is not of the type", () => {
    const { invocation: inv } = invocation(
      parseCommand(["image", "list", "--limit", "5", "--name-fuzzy-match", "false", "--offset", "x"]),
    );
    expect(inv.command).toBe("image list");
    expect(inv.query).toEqual({ limit: 5, name_fuzzy_match: false, offset: "x" });
    expect(queryFlags.find((f) => f.field === "limit")?.type).toBe("integer");
  });

  it("keeps repeated --header flags in order and splits at the first colon only", () => {
    const { invocation: inv } = invocation(
      parseCommand(["save", id, "--header", "Prefer: code=400", "--header", "X-A:b:c"]),
    );
    expect(inv.common.headers).toEqual([
      ["Prefer", "code=400"],
      ["X-A", "b:c"],
    ]);
  });

  it("takes the word after an unknown option as its value, not as the operand", () => {
    const command = invocation(parseCommand(["save", "--nmae", "x", id]));
    expect(command.invocation.operand).toBe(id);
    expect(command.problems).toEqual([
      { subject: "--nmae", message: "unknown option; did you mean --name?" },
    ]);
  });

  it("flags a value given twice, a boolean given a value and an extra argument", () => {
    const command = invocation(parseCommand(["save", id, "extra", "--tag", "a", "--tag", "b", "--json=yes"]));
    expect(command.problems.map((p) => `${p.subject}: ${p.message}`)).toEqual([
      "--tag: given more than once",
      "--json: takes no value",
      "'extra': unexpected argument",
    ]);
  });

  it("refuses an option of another command, naming the commands it belongs to", () => {
    const command = invocation(parseCommand(["image", "show", id, "--force"]));
    expect(command.problems).toEqual([
      { subject: "--force", message: "not an option of 'image show' (it belongs to 'image delete')" },
    ]);
  });

  it("refuses --wait-timeout on a save without --wait", () => {
    const command = invocation(parseCommand(["save", id, "--wait-timeout", "5"]));
    expect(command.problems.map((p) => p.subject)).toEqual(["--wait-timeout"]);
  });

  it("reads --timeout, --wait-timeout and --poll-interval as seconds and --retries as a count", () => {
    const { invocation: inv } = invocation(
      parseCommand([
        "save",
        id,
        "--timeout",
        "1.5",
        "--retries",
        "0",
        "--wait",
        "--wait-timeout",
        "90",
        "--poll-interval",
        "0.05",
      ]),
    );
    expect(inv.common).toMatchObject({ timeoutMs: 1500, retries: 0 });
    expect(inv.follow).toEqual({ timeoutMs: 90_000, pollIntervalMs: 50 });
    const bad = invocation(
      parseCommand(["wait", id, "--timeout", "0", "--retries", "-1", "--poll-interval", "soon"]),
    );
    expect(bad.problems.map((p) => p.subject)).toEqual(["--timeout", "--retries", "--poll-interval"]);
  });

  it("names a missing operand and suggests a mistyped command or subcommand", () => {
    expect(invocation(parseCommand(["wait"])).problems).toEqual([
      { subject: "<image-id>", message: "missing: give the id of the image to follow", valueMissing: true },
    ]);
    expect(parseCommand(["sav", id])).toMatchObject({
      kind: "usage-error",
      problems: [
        { subject: "'sav'", message: expect.stringMatching(/^unknown command; did you mean 'save'\?/) },
      ],
    });
    expect(parseCommand(["image", "lsit"])).toMatchObject({
      kind: "usage-error",
      problems: [{ subject: "'image lsit'", message: expect.stringMatching(/did you mean 'image list'\?$/) }],
    });
  });

  it("knows help and version", () => {
    expect(parseCommand(["--version"])).toEqual({ kind: "version" });
    expect(parseCommand(["save", "-h"])).toMatchObject({
      kind: "help",
      toStderr: false,
      topic: { command: { name: "save" } },
    });
    expect(parseCommand(["image", "--help"])).toMatchObject({ kind: "help", topic: { group: "image" } });
    expect(parseCommand(["help", "image", "list"])).toMatchObject({
      kind: "help",
      topic: { command: { name: "image list" } },
    });
    expect(parseCommand([])).toEqual({ kind: "help", toStderr: true, json: false });
  });
});
