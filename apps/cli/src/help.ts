import { DEFAULT_REGION, FAILED_NOTEBOOK_STATUSES } from "@notebook-image/client";
import {
  type CommandInfo,
  commands,
  groupCommands,
  groupFlags,
  type OptionGroup,
  untilWords,
} from "./commands.js";
import { envVars } from "./credentials.js";
import { defaults, loopbackRule } from "./defaults.js";
import { ExitCode } from "./exit-codes.js";
import { bodyFlags, type FieldFlag, fieldGroups, queryFlags } from "./field-flags.js";
import type { Style } from "./style.js";

const COLUMN = 30;
const row = (left: string, right: string) =>
  left.length >= COLUMN - 2
    ? `  ${left}\n${" ".repeat(COLUMN)}${right}`
    : `  ${left.padEnd(COLUMN - 2)}${right}`;
const seconds = (ms: number) => `${ms / 1000}`;

/** What a field flag takes, and its default from the spec: `--type <BUILD_IN|DEDICATED>  (default: BUILD_IN)`. */
function fieldRow(f: FieldFlag, meaning: string, pageSize = defaults.pageSize): string {
  // limit and offset: without them the CLI reads every page; with them, that one page.
  if (f.field === "limit" || f.field === "offset") {
    return row(`--${f.flag} <n>`, `${meaning}: one page only (default: every page, ${pageSize} at a time)`);
  }
  const value =
    f.enum === undefined
      ? f.type === "boolean"
        ? "true|false"
        : f.type === "integer"
          ? "n"
          : "value"
      : f.enum.join("|");
  const notes = [
    f.required ? "required" : undefined,
    f.default === undefined ? undefined : `the API's default: ${JSON.stringify(f.default)}`,
  ]
    .filter((n) => n !== undefined)
    .join("; ");
  return row(`--${f.flag} <${value}>`, `${meaning}${notes === "" ? "" : ` (${notes})`}`);
}

/** The first sentence of the spec's definition of a field, lower-cased for the help's style. */
function meaningOf(f: FieldFlag): string {
  const sentence = /^(.*?[^.])\.(\s|$)/.exec(f.summary)?.[1] ?? f.summary;
  // "Image name" → "image name", but "SWR instance" stays.
  return /^[A-Z][a-z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}

export function helpText(style: Style): string {
  const h = (title: string) => style.bold(title);
  const usage = commands.map(
    (c) => `  notebook-image ${c.name}${c.operand === undefined ? "" : ` ${c.operand}`} [options]`,
  );
  const summaries = commands.map((c) => row(c.name, c.summary));
  return `${h("notebook-image")} - save a running ModelArts notebook instance as a container image in SWR, and follow it

${h("Usage")}
${usage.join("\n")}
  notebook-image help [<command>] | --help | --version
  notebook-image configure [--profile <name>]
  notebook-image completion bash|zsh|fish

${h("Commands")}
${summaries.join("\n")}

${h("save")} <instance-id> (a UUID)
${bodyFlags.map((f) => fieldRow(f, meaningOf(f))).join("\n")}
${row("--wait", "follow the image until it is ACTIVE or its save failed")}

${h("save --wait, wait")} <image-id>
${row("--wait-timeout <seconds>", `stop waiting after this long (default: ${seconds(defaults.waitTimeoutMs)})`)}
${row("--poll-interval <seconds>", `time between status checks (default: ${seconds(defaults.pollIntervalMs)})`)}
${" ".repeat(COLUMN)}On a terminal: one live status line on stderr; elsewhere one line
${" ".repeat(COLUMN)}per status change. Ctrl-C stops waiting; the save goes on.

${h("image list")}
${queryFlags.map((f) => fieldRow(f, meaningOf(f))).join("\n")}

${h("image delete")} <image-id>
${row("--force", "delete the image's content in SWR too")}

${h("notebook create|start|stop|delete")}
${row("--wait", "follow the instance until it is RUNNING (create, start), STOPPED (stop)")}
${" ".repeat(COLUMN)}or gone (delete), with --wait-timeout and --poll-interval as above;
${" ".repeat(COLUMN)}Ctrl-C stops waiting, the instance's operation goes on
  Their flags: 'notebook-image notebook <command> --help'. 'notebook create' takes the
  CreateNotebook body's fields (a nested one by its path: --volume-category), 'notebook list'
  ListNotebooks' filters.

${h("Where")} (every command)
${row("--project-id <id>", `project id (default: $${envVars.projectId})`)}
${row("--region <region>", `ModelArts region (default: ${DEFAULT_REGION})`)}
${row("--endpoint <url>", "API base URL instead of --region, e.g. a proxy, the local server or mock;")}
${" ".repeat(COLUMN)}plain http:// only for loopback hosts (${loopbackRule})
${row("--header 'Name: value'", "extra request header; repeat for more")}
${row("--profile <name>", "read region, endpoint, project and credentials from this profile")}
${" ".repeat(COLUMN)}(default: [default], when there is one; see 'configure --help')
${row("--timeout <seconds>", `give up on one request after this long (default: ${seconds(defaults.timeoutMs)})`)}
${row("--retries <n>", "retries when ModelArts is busy (429, 503) or the connection is")}
${" ".repeat(COLUMN)}refused, never after a timeout or another error (default: ${defaults.retries})

${h("Credentials")} (the first one found is used)
${row("--token-file <path>", "file holding an IAM token, sent as X-Auth-Token")}
${row(`$${envVars.token}`, "IAM token")}
  $${envVars.accessKey}, $${envVars.secretKey}
${" ".repeat(COLUMN)}access key pair: requests are signed (SDK-HMAC-SHA256);
${" ".repeat(COLUMN)}add $${envVars.securityToken} for temporary keys
  Secrets are never printed: --dry-run shows them as [redacted].

${h("Output")}
${row("--json", "print the API's answer as JSON on stdout; errors too, as one JSON object")}
${row("--dry-run", "check everything and print the request instead of sending it;")}
${" ".repeat(COLUMN)}works without credentials (placeholders are shown)
${row("-h, --help", "show this help; <command> --help shows that command's own")}
${row("--version", "show the version")}

${h("Exit status")}
${exitLines(Object.values(ExitCode))}

${h("Examples")}
  # Save, follow the image to the end, print it as JSON (AK/SK and project from the environment)
  notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name pytorch1_4 \\
    --namespace atelier-auto --tag 20221223 --region ${DEFAULT_REGION} --wait --json

  # Follow an image again after Ctrl-C or --wait-timeout
  notebook-image wait 4e0d1854-63e5-4517-b683-a0ee97a692a1 --region ${DEFAULT_REGION}

  # The saved images of an organization
  notebook-image image list --type DEDICATED --namespace atelier-auto

  # Against the local server (pnpm dev), or the mock asking it for an error
  ${envVars.token}=any notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \\
    --name pytorch1_4 --namespace atelier-auto --project-id 0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b \\
    --endpoint http://127.0.0.1:4010 --header 'Prefer: code=400, example=InstanceNotRunning'

  # See what would be sent, without sending it (no credentials needed)
  notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name pytorch1_4 \\
    --namespace atelier-auto --dry-run
`;
}

/** What each exit code means, in the help's words. */
const exitMeanings: Record<ExitCode, string> = {
  [ExitCode.ok]: "done (save without --wait: the save started)",
  [ExitCode.usage]: "bad arguments, credentials or values: nothing sent",
  [ExitCode.api]: "the API returned an error",
  [ExitCode.transport]: "network failure or timeout of a request",
  [ExitCode.saveFailed]: `what was followed failed: the image's save (CREATE_FAILED, ERROR or DELETED), or a notebook instance (${FAILED_NOTEBOOK_STATUSES.join(", ")})`,
  [ExitCode.waitTimedOut]:
    "--wait-timeout passed while the image was still being saved (or the instance was on its way)",
  [ExitCode.interrupted]: "Ctrl-C while waiting (the save, or the instance's operation, goes on)",
  [ExitCode.unexpected]: "unexpected failure",
};

/** What the exit codes of a wait mean for a notebook command, which follows an instance. */
function notebookMeanings(
  waitsFor: NonNullable<CommandInfo["waitsFor"]> | "until",
): Partial<Record<ExitCode, string>> {
  const target = waitsFor === "until" ? "as --until asks" : waitsFor === "DELETED" ? "gone" : waitsFor;
  const failed = waitsFor === "until" ? "the instance failed" : "--wait: the instance failed";
  return {
    [ExitCode.saveFailed]: `${failed} (${FAILED_NOTEBOOK_STATUSES.join(", ")})`,
    [ExitCode.waitTimedOut]: `--wait-timeout passed before the instance was ${target}`,
    [ExitCode.interrupted]: "Ctrl-C while waiting (the instance's operation goes on)",
  };
}

/** The exit codes' lines; `done` alone for a command other than save, where 0 has one meaning. */
function exitLines(codes: readonly ExitCode[], command?: CommandInfo): string {
  const own =
    command?.name === "notebook wait"
      ? notebookMeanings("until")
      : command?.waitsFor === undefined
        ? {}
        : notebookMeanings(command.waitsFor);
  const meaning = (code: ExitCode) =>
    code === ExitCode.ok && command !== undefined && command.name !== "save"
      ? "done"
      : (own[code] ?? exitMeanings[code]);
  return codes.map((code) => `  ${code} ${meaning(code)}`).join("\n");
}

/** The rows of an option group, as the command's own help lists them. */
function groupRows(group: OptionGroup, info: CommandInfo): string[] {
  switch (group) {
    case "body":
    case "notebook-body":
    case "update-body":
    case "lease-body":
    case "query":
    case "start-query":
      return fieldGroups[group].map((f) => fieldRow(f, meaningOf(f)));
    case "notebook-query":
      return fieldGroups[group].map((f) => fieldRow(f, meaningOf(f), defaults.notebookPageSize));
    case "wait":
      return [
        row(
          "--wait",
          info.waitsFor === undefined
            ? "follow the image until it is ACTIVE or its save failed"
            : info.waitsFor === "DELETED"
              ? "follow the instance until it is gone"
              : `follow the instance until it is ${info.waitsFor} or has failed`,
        ),
      ];
    case "until":
      return [row(`--until ${untilWords.join("|")}`, "what to wait for (default: RUNNING; deleted: gone)")];
    case "follow":
      return [
        row(
          "--wait-timeout <seconds>",
          `stop waiting after this long (default: ${seconds(defaults.waitTimeoutMs)})`,
        ),
        row(
          "--poll-interval <seconds>",
          `time between status checks (default: ${seconds(defaults.pollIntervalMs)})`,
        ),
      ];
    case "force":
      return [row("--force", "delete the image's content in SWR too")];
  }
}

/** The options every command takes, in short: the full text is in `notebook-image --help`. */
const commonRows = () => [
  row("--project-id <id>", `project id (default: $${envVars.projectId})`),
  row("--region <region>", `ModelArts region (default: ${DEFAULT_REGION})`),
  row("--endpoint <url>", "API base URL instead of --region (a proxy, the local server or mock)"),
  row("--header 'Name: value'", "extra request header; repeat for more"),
  row("--token-file <path>", `file holding an IAM token (else $${envVars.token}, or AK/SK)`),
  row("--profile <name>", "the profile to read (default: [default], when there is one)"),
  row("--timeout <seconds>", `time limit of one request (default: ${seconds(defaults.timeoutMs)})`),
  row(
    "--retries <n>",
    `retries when ModelArts is busy or the connection is refused (default: ${defaults.retries})`,
  ),
  row("--json", "print the answer (and errors) as JSON on stdout"),
  row("--dry-run", "check everything and print the request instead of sending it"),
  row("-h, --help", "show this help"),
];

/** One command's own help: usage, what it does, its options, examples and exit codes. */
export function commandHelp(info: CommandInfo, style: Style): string {
  const h = (title: string) => style.bold(title);
  const own = info.groups.flatMap((group) => groupRows(group, info));
  const flags = info.groups.flatMap((g) => groupFlags(g));
  return `${h("Usage")}
  notebook-image ${info.name}${info.operand === undefined ? "" : ` ${info.operand}`} [options]

${info.summary.charAt(0).toUpperCase()}${info.summary.slice(1)}.
${own.length === 0 ? "" : `\n${h("Options")}\n${own.join("\n")}\n`}
${h("Every command")}${flags.length === 0 ? "" : " (besides the options above)"}
${commonRows().join("\n")}

${h("Examples")}
${info.examples.map(([comment, command]) => `  # ${comment}\n  ${command}`).join("\n\n")}

${h("Exit status")}
${exitLines(info.exitCodes, info)}

See 'notebook-image --help' for the credentials and every command.
`;
}

/** The help of a group of commands (`image`, `notebook`): its subcommands. */
export function groupHelp(word: string, style: Style): string {
  const h = (title: string) => style.bold(title);
  const subs = groupCommands(word);
  return `${h("Usage")}
${subs.map((c) => `  notebook-image ${c.name}${c.operand === undefined ? "" : ` ${c.operand}`} [options]`).join("\n")}

${h("Commands")}
${subs.map((c) => row(c.name, c.summary)).join("\n")}

See 'notebook-image ${word} <command> --help' for the options of each.
`;
}

/** `configure --help`. */
export function configureHelp(style: Style): string {
  const h = (title: string) => style.bold(title);
  return `${h("Usage")}
  notebook-image configure [--profile <name>] [--region <region> | --endpoint <url>] [--project-id <id>]

Writes a profile: where requests go, the project, and the credentials (an access key pair or an IAM
token) to ${"$"}XDG_CONFIG_HOME/notebook-image/credentials (~/.config when unset), mode 600, in the
keys of Huawei's SDK credentials file (ak, sk, security_token, project_id). Credentials are never
flags: on a terminal they are asked without echo; otherwise stdin is read as key=value lines
(${"region, endpoint, project_id, ak, sk, security_token, token"}).

Every command reads --profile <name>, else the [default] profile when there is one. Flags win over
the environment ($${envVars.token}, $${envVars.accessKey}/$${envVars.secretKey}, $${envVars.projectId}),
which wins over the profile.

${h("Options")}
${row("--profile <name>", "the profile to write (default: default)")}
${row("--region <region>", `ModelArts region (default: ${DEFAULT_REGION})`)}
${row("--endpoint <url>", "API base URL instead of --region (a proxy, the local server or mock)")}
${row("--project-id <id>", "project id")}
${row("--json", "print what was written (never a secret) as JSON")}

${h("Examples")}
  # Asks for the rest, secrets without echo
  notebook-image configure --profile dev --region ${DEFAULT_REGION}

  # From a secrets manager, without a terminal
  printf 'ak=%s\\nsk=%s\\nproject_id=%s\\n' "$AK" "$SK" "$PROJECT" | notebook-image configure

${h("Exit status")}
${exitLines([ExitCode.ok, ExitCode.usage, ExitCode.unexpected])}
`;
}
