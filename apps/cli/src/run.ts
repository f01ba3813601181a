import { readFileSync } from "node:fs";
import { parseCommand } from "./args.js";
import { completionScript } from "./completion.js";
import { configure } from "./configure.js";
import { execute } from "./execute.js";
import { ExitCode } from "./exit-codes.js";
import { formatFailure, formatProblems } from "./format.js";
import { commandHelp, configureHelp, groupHelp, helpText } from "./help.js";
import type { Io } from "./io.js";
import { createOutput } from "./output.js";

export type { Io, Stream } from "./io.js";

/** Runs the CLI and returns its exit code. Never throws: every failure becomes a message and a code. */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const command = parseCommand(argv);
  const json =
    command.kind === "run"
      ? command.invocation.common.json
      : (command.kind === "usage-error" || command.kind === "configure") && command.json;
  const output = createOutput(io, json);
  const { stdout, stderr } = output;
  try {
    switch (command.kind) {
      case "help": {
        const out = command.toStderr ? stderr : stdout;
        const topic = command.topic;
        out.write(
          topic === undefined
            ? helpText(out.style)
            : "command" in topic
              ? commandHelp(topic.command, out.style)
              : "group" in topic
                ? groupHelp(topic.group, out.style)
                : configureHelp(out.style),
        );
        return command.toStderr ? ExitCode.usage : ExitCode.ok;
      }
      case "configure":
        return await configure(command.settings, io, output);
      case "completion":
        stdout.write(completionScript(command.shell));
        return ExitCode.ok;
      case "version":
        stdout.write(`${version()}\n`);
        return ExitCode.ok;
      case "usage-error":
        return output.fail(ExitCode.usage, formatProblems(command.problems, stderr.style, ""), {
          name: "UsageError",
          message: "the command line is not valid; nothing was sent",
          problems: command.problems.map(({ subject, message }) => ({ subject, message })),
        });
      case "run":
        return await execute(command.invocation, command.problems, io, output);
    }
  } catch (error) {
    // A bug, not a user error: say what happened in one line, without a stack trace.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return output.fail(ExitCode.unexpected, formatFailure(`unexpected failure: ${message}`, stderr.style), {
      name: "UnexpectedFailure",
      message,
    });
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
