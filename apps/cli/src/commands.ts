// The commands the CLI knows: the words that name each one, what it takes, and which option
// groups apply to it. Everything about a command that parsing and help need is here, once.
import { bodyFlags, queryFlags } from "./field-flags.js";

export type CommandName = "save" | "wait" | "image show" | "image list" | "image delete" | "notebook show";

export interface CommandInfo {
  name: CommandName;
  /** The one positional argument, as help and errors name it, or none. */
  operand?: "<instance-id>" | "<image-id>";
  /** What the operand is, for "missing: give …". */
  operandMeaning?: string;
  /** Option groups besides the common ones. */
  groups: readonly OptionGroup[];
  summary: string;
}

export type OptionGroup = "body" | "wait" | "follow" | "query" | "force";

export const commands: readonly CommandInfo[] = [
  {
    name: "save",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to save",
    groups: ["body", "wait", "follow"],
    summary: "save a running notebook instance as an image",
  },
  {
    name: "wait",
    operand: "<image-id>",
    operandMeaning: "the id of the image to follow",
    groups: ["follow"],
    summary: "follow an image until it is ACTIVE or its save failed",
  },
  {
    name: "image show",
    operand: "<image-id>",
    operandMeaning: "the id of the image to show",
    groups: [],
    summary: "show one image",
  },
  {
    name: "image list",
    groups: ["query"],
    summary: "list images (saved images are --type DEDICATED)",
  },
  {
    name: "image delete",
    operand: "<image-id>",
    operandMeaning: "the id of the image to delete",
    groups: ["force"],
    summary: "delete an image record (--force: its SWR content too)",
  },
  {
    name: "notebook show",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to show",
    groups: [],
    summary: "show a notebook instance and the image it runs",
  },
];

/** The first word of each command, for "did you mean". */
export const commandWords = [...new Set(commands.map((c) => c.name.split(" ")[0] as string))];

/** Flags of each group, by long name. */
export function groupFlags(group: OptionGroup): readonly string[] {
  switch (group) {
    case "body":
      return bodyFlags.map((f) => f.flag);
    case "query":
      return queryFlags.map((f) => f.flag);
    case "wait":
      return ["wait"];
    case "follow":
      return ["wait-timeout", "poll-interval"];
    case "force":
      return ["force"];
  }
}
