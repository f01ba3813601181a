import { readFileSync } from "node:fs";
import {
  type CreateImageRequest,
  createNotebookImageClient,
  explainErrorCode,
  type Image,
  ModelArtsApiError,
  NetworkError,
  type NotebookImageClientOptions,
  type Region,
  RequestValidationError,
  TimeoutError,
  UnexpectedResponseError,
} from "@notebook-image/client";
import { parseCommand, type SaveOptions } from "./args.js";
import { buildRequest } from "./build-request.js";
import { loadCredentials } from "./credentials.js";
import { ExitCode } from "./exit-codes.js";
import {
  formatApiError,
  formatFailure,
  formatPreview,
  formatProblems,
  formatSummary,
  previewOf,
} from "./format.js";
import { helpText } from "./help.js";
import { issueToProblem } from "./issue-subjects.js";
import type { Problem } from "./problem.js";
import { scrub } from "./redact.js";
import { type Style, styleFor } from "./style.js";

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  env: Readonly<Record<string, string | undefined>>;
  stdout: Stream;
  stderr: Stream;
}

/** One output stream, styled for itself, with every known secret scrubbed from what it writes. */
interface Out {
  style: Style;
  write(text: string): void;
}

/** Runs the CLI and returns its exit code. Never throws: every failure becomes a message and a code. */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const secrets: string[] = [];
  const out = (stream: Stream): Out => ({
    style: styleFor(stream, io.env),
    write: (text) => void stream.write(scrub(text, secrets)),
  });
  const stdout = out(io.stdout);
  const stderr = out(io.stderr);
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case "help":
        if (command.toStderr) {
          stderr.write(helpText(stderr.style));
          return ExitCode.usage;
        }
        stdout.write(helpText(stdout.style));
        return ExitCode.ok;
      case "version":
        stdout.write(`${version()}\n`);
        return ExitCode.ok;
      case "usage-error":
        stderr.write(formatProblems(command.problems, stderr.style));
        return ExitCode.usage;
      case "save":
        return await save(command.options, command.problems, io.env, { stdout, stderr, secrets });
    }
  } catch (error) {
    // A bug, not a user error: say what happened in one line, without a stack trace.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    stderr.write(formatFailure(`unexpected failure: ${message}`, stderr.style));
    return ExitCode.unexpected;
  }
}

async function save(
  options: SaveOptions,
  usageProblems: readonly Problem[],
  env: Io["env"],
  out: { stdout: Out; stderr: Out; secrets: string[] },
): Promise<ExitCode> {
  const { stdout, stderr } = out;
  const credentialFlags = {
    ...(options.tokenFile === undefined ? {} : { tokenFile: options.tokenFile }),
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
  };
  const { credentials, problems, sources } = await loadCredentials(env, credentialFlags);
  if (credentials !== undefined) out.secrets.push(...credentials.secrets);

  // Everything the user gave is checked by the client itself, before anything is sent. Without
  // credentials the check still runs, with a stand-in token (never sent), so that every problem
  // is reported in one run.
  const body = options.body as CreateImageRequest;
  const clientOptions: Omit<NotebookImageClientOptions, "fetch" | "retry"> = {
    projectId: credentials?.projectId ?? options.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID ?? "",
    auth: credentials?.auth ?? { token: "stand-in" },
    headers: headerRecord(options.headers),
    // The client checks the region against the spec's list at run time.
    ...(options.region === undefined ? {} : { region: options.region as Region }),
    ...(options.endpoint === undefined ? {} : { baseUrl: options.endpoint }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const built = await buildRequest(clientOptions, options.instanceId, body);
  const allProblems: Problem[] = [...usageProblems, ...problems];
  if ("issues" in built) {
    // A value reported missing above need not be reported invalid too.
    const missing = new Set(allProblems.filter((p) => p.valueMissing).map((p) => p.subject));
    if (clientOptions.projectId === "") missing.add(sources.projectId);
    for (const issue of built.issues) {
      const problem = issueToProblem(issue, sources);
      if (!missing.has(problem.subject)) allProblems.push(problem);
    }
  }
  if (allProblems.length > 0 || "issues" in built) {
    stderr.write(formatProblems(dedupe(allProblems), stderr.style));
    return ExitCode.usage;
  }

  if (options.dryRun) {
    const preview = previewOf(built.request);
    stdout.write(
      options.json ? `${JSON.stringify(preview, null, 2)}\n` : formatPreview(preview, stdout.style),
    );
    return ExitCode.ok;
  }

  const client = createNotebookImageClient({
    ...clientOptions,
    retry: {
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      onRetry: ({ delayMs, reason }) =>
        stderr.write(stderr.style.dim(`${reason}: trying again in ${Math.ceil(delayMs / 1000)} s\n`)),
    },
  });
  let image: Image;
  try {
    image = await client.saveInstanceAsImage(options.instanceId, body);
  } catch (error) {
    return reportFailure(error, options, out);
  }
  stdout.write(options.json ? `${JSON.stringify(image, null, 2)}\n` : formatSummary(image, stdout.style));
  return ExitCode.ok;
}

function reportFailure(
  error: unknown,
  options: SaveOptions,
  { stdout, stderr }: { stdout: Out; stderr: Out },
): ExitCode {
  if (error instanceof ModelArtsApiError) {
    if (options.json) stdout.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    stderr.write(
      formatApiError(
        {
          status: error.status,
          errorCode: error.errorCode,
          errorMsg: error.errorCode === undefined ? error.message : error.errorMsg,
          requestId: error.requestId,
          hint: explainErrorCode(error.errorCode),
        },
        stderr.style,
      ),
    );
    return ExitCode.api;
  }
  if (error instanceof UnexpectedResponseError) {
    if (options.json) stdout.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    stderr.write(formatFailure(`the API's answer was not an image: ${error.message}`, stderr.style));
    return ExitCode.api;
  }
  if (error instanceof TimeoutError) {
    stderr.write(
      formatFailure(
        `${error.message}; the image may still be saved, so check before trying again (--timeout sets the limit)`,
        stderr.style,
      ),
    );
    return ExitCode.transport;
  }
  if (error instanceof NetworkError) {
    stderr.write(formatFailure(`could not reach the API: ${error.message}${rootCause(error)}`, stderr.style));
    return ExitCode.transport;
  }
  if (error instanceof RequestValidationError) {
    // Already checked by the dry build above; kept so that a check added to the client later is
    // still reported as a usage error.
    stderr.write(formatFailure(error.message, stderr.style));
    return ExitCode.usage;
  }
  throw error;
}

/** fetch says only "fetch failed": the reason (refused, bad port, DNS) is deeper in `cause`. */
function rootCause(error: Error): string {
  let cause: unknown = error.cause;
  let deepest: string | undefined;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (!error.message.includes(cause.message)) deepest = cause.message;
    cause = cause.cause;
  }
  return deepest === undefined ? "" : ` (${deepest})`;
}

/** Repeated --header names are joined with ", ", as HTTP combines repeated fields. */
function headerRecord(headers: SaveOptions["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) {
    const existing = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing === undefined) record[name] = value;
    else record[existing] = `${record[existing]}, ${value}`;
  }
  return record;
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.subject}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
