// The commands the CLI knows: the words that name each one, what it takes, and which option
// groups apply to it. Everything about a command that parsing and help need is here, once.
import { DEFAULT_REGION, NOTEBOOK_WAIT_TARGETS } from "@notebook-image/client";
import { ExitCode } from "./exit-codes.js";
import { type FieldGroup, fieldGroups } from "./field-flags.js";

export type CommandName =
  | "save"
  | "wait"
  | "image show"
  | "image list"
  | "image delete"
  | "notebook show"
  | "notebook create"
  | "notebook list"
  | "notebook start"
  | "notebook stop"
  | "notebook delete"
  | "notebook update"
  | "notebook renew"
  | "notebook wait";

export interface CommandInfo {
  name: CommandName;
  /** The one positional argument, as help and errors name it, or none. */
  operand?: "<instance-id>" | "<image-id>";
  /** What the operand is, for "missing: give …". */
  operandMeaning?: string;
  /** Option groups besides the common ones. */
  groups: readonly OptionGroup[];
  summary: string;
  /** Its help's examples: a comment line, then the command. */
  examples: readonly (readonly [comment: string, command: string])[];
  /** The exit codes it can end with, for its help. */
  exitCodes: readonly ExitCode[];
  /** For a notebook command with --wait: the status it waits for (DELETED: until it is gone). */
  waitsFor?: "RUNNING" | "STOPPED" | "DELETED";
}

const EXAMPLE_INSTANCE = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";
const EXAMPLE_IMAGE = "4e0d1854-63e5-4517-b683-a0ee97a692a1";
/** A built-in image of the spec's CreateNotebook example. */
const EXAMPLE_BUILT_IN_IMAGE = "e1a07296-22a8-4f05-8bc8-e936c8e54090";
const CALL_CODES = [ExitCode.ok, ExitCode.usage, ExitCode.api, ExitCode.transport, ExitCode.unexpected];
const FOLLOW_CODES = [
  ExitCode.ok,
  ExitCode.usage,
  ExitCode.api,
  ExitCode.transport,
  ExitCode.saveFailed,
  ExitCode.waitTimedOut,
  ExitCode.interrupted,
  ExitCode.unexpected,
];

export type OptionGroup = FieldGroup | "wait" | "until" | "follow" | "force";

/** What `notebook wait --until` waits for: the client's targets. */
export type NotebookWaitTarget = (typeof NOTEBOOK_WAIT_TARGETS)[number];

/**
 * The words --until takes, as help and errors show them: "deleted" (gone) is not a status the
 * instance shows, so it is written in lower case. Any case is accepted.
 */
export const untilWords: readonly string[] = NOTEBOOK_WAIT_TARGETS.map((target) =>
  target === "DELETED" ? "deleted" : target,
);

export const commands: readonly CommandInfo[] = [
  {
    name: "save",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to save",
    groups: ["body", "wait", "follow"],
    summary: "save a running notebook instance as an image",
    examples: [
      [
        "Save, follow the image to the end, print it as JSON (AK/SK and project from the environment)",
        `notebook-image save ${EXAMPLE_INSTANCE} --name pytorch1_4 --namespace atelier-auto --tag 20221223 --region ${DEFAULT_REGION} --wait --json`,
      ],
      [
        "See what would be sent, without sending it (no credentials needed)",
        `notebook-image save ${EXAMPLE_INSTANCE} --name pytorch1_4 --namespace atelier-auto --dry-run`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
  },
  {
    name: "wait",
    operand: "<image-id>",
    operandMeaning: "the id of the image to follow",
    groups: ["follow"],
    summary: "follow an image until it is ACTIVE or its save failed",
    examples: [
      [
        "Follow an image again after Ctrl-C or --wait-timeout",
        `notebook-image wait ${EXAMPLE_IMAGE} --region ${DEFAULT_REGION}`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
  },
  {
    name: "image show",
    operand: "<image-id>",
    operandMeaning: "the id of the image to show",
    groups: [],
    summary: "show one image",
    examples: [["An image, as JSON", `notebook-image image show ${EXAMPLE_IMAGE} --json`]],
    exitCodes: CALL_CODES,
  },
  {
    name: "image list",
    groups: ["query"],
    summary: "list images (saved images are --type DEDICATED)",
    examples: [
      [
        "The images saved to an organization",
        "notebook-image image list --type DEDICATED --namespace atelier-auto",
      ],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "image delete",
    operand: "<image-id>",
    operandMeaning: "the id of the image to delete",
    groups: ["force"],
    summary: "delete an image record (--force: its SWR content too)",
    examples: [
      ["Delete a failed image, which frees its name and tag", `notebook-image image delete ${EXAMPLE_IMAGE}`],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "notebook show",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to show",
    groups: [],
    summary: "show a notebook instance and the image it runs",
    examples: [
      ["A notebook instance and the image it runs", `notebook-image notebook show ${EXAMPLE_INSTANCE}`],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "notebook create",
    groups: ["notebook-body", "wait", "follow"],
    summary: "create a notebook instance from an image (built-in, or saved and ACTIVE)",
    examples: [
      [
        "A CPU instance from a built-in image (image list lists them), followed until it is RUNNING",
        `notebook-image notebook create --name my-notebook --flavor modelarts.vm.cpu.2u --image-id ${EXAMPLE_BUILT_IN_IMAGE} --volume-category EVS --volume-ownership MANAGED --wait`,
      ],
      [
        "An instance from an image you saved, stopped automatically after 2 hours",
        `notebook-image notebook create --name from-saved --flavor modelarts.vm.cpu.2u --image-id ${EXAMPLE_IMAGE} --volume-category EVS --volume-ownership MANAGED --lease-duration 7200000`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
    waitsFor: "RUNNING",
  },
  {
    name: "notebook list",
    groups: ["notebook-query"],
    summary: "list notebook instances (every page, unless --limit or --offset)",
    examples: [
      ["The running instances", "notebook-image notebook list --status RUNNING"],
      [
        "The instances made from one image, as JSON",
        `notebook-image notebook list --image-id ${EXAMPLE_IMAGE} --json`,
      ],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "notebook start",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to start",
    groups: ["start-query", "wait", "follow"],
    summary: "start a stopped notebook instance",
    examples: [
      [
        "Start an instance and wait until it is RUNNING",
        `notebook-image notebook start ${EXAMPLE_INSTANCE} --wait`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
    waitsFor: "RUNNING",
  },
  {
    name: "notebook stop",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to stop",
    groups: ["wait", "follow"],
    summary: "stop a running notebook instance (its work volume is kept)",
    examples: [
      [
        "Stop an instance and wait until it is STOPPED",
        `notebook-image notebook stop ${EXAMPLE_INSTANCE} --wait`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
    waitsFor: "STOPPED",
  },
  {
    name: "notebook delete",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to delete",
    groups: ["wait", "follow"],
    summary: "delete a notebook instance and its work volume (its saved images stay)",
    examples: [
      [
        "Delete an instance and wait until it is gone",
        `notebook-image notebook delete ${EXAMPLE_INSTANCE} --wait`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
    waitsFor: "DELETED",
  },
  {
    name: "notebook update",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to update",
    groups: ["update-body"],
    summary: "change a stopped notebook instance's name, description, flavor or image",
    examples: [
      [
        "Rename a stopped instance and give it a larger flavor",
        `notebook-image notebook update ${EXAMPLE_INSTANCE} --name my-notebook-large --flavor modelarts.vm.cpu.8u`,
      ],
      [
        "Run a saved image from the next start on",
        `notebook-image notebook update ${EXAMPLE_INSTANCE} --image-id ${EXAMPLE_IMAGE}`,
      ],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "notebook renew",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance whose lease to renew",
    groups: ["lease-body"],
    summary: "let a running notebook instance run longer before it stops by itself (its lease)",
    examples: [
      [
        "Let an instance run two more hours from now",
        `notebook-image notebook renew ${EXAMPLE_INSTANCE} --duration 7200000`,
      ],
    ],
    exitCodes: CALL_CODES,
  },
  {
    name: "notebook wait",
    operand: "<instance-id>",
    operandMeaning: "the id of the notebook instance to wait for",
    groups: ["until", "follow"],
    summary: "wait until a notebook instance is RUNNING (the default), STOPPED or deleted",
    examples: [
      ["Wait until an instance is RUNNING", `notebook-image notebook wait ${EXAMPLE_INSTANCE}`],
      [
        "Wait until an instance is gone, at most 5 minutes",
        `notebook-image notebook wait ${EXAMPLE_INSTANCE} --until deleted --wait-timeout 300`,
      ],
    ],
    exitCodes: FOLLOW_CODES,
  },
];

/** The first word of each command, for "did you mean". */
export const commandWords = [...new Set(commands.map((c) => c.name.split(" ")[0] as string))];

/** Flags of each group, by long name. */
export function groupFlags(group: OptionGroup): readonly string[] {
  switch (group) {
    case "body":
    case "notebook-body":
    case "update-body":
    case "lease-body":
    case "query":
    case "notebook-query":
    case "start-query":
      return fieldGroups[group].map((f) => f.flag);
    case "wait":
      return ["wait"];
    case "until":
      return ["until"];
    case "follow":
      return ["wait-timeout", "poll-interval"];
    case "force":
      return ["force"];
  }
}

/** The groups of two-word commands ("image", "notebook") and their subcommands. */
export function groupCommands(word: string): CommandInfo[] {
  return commands.filter((c) => c.name.startsWith(`${word} `));
}
