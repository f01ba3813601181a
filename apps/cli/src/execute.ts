// Runs one command: every problem with the input is found and reported before anything is sent;
// then the dry run shows the request, or the command calls the API.
import {
  createNotebookImageClient,
  deleteImage,
  type ErrorHintContext,
  getImage,
  getNotebook,
  listImages,
  type NotebookImageClient,
  type NotebookImageCore,
  RequestValidationError,
  saveInstanceAsImage,
  type ValidationIssue,
  validateCreateImageRequest,
  validateImageId,
  validateInstanceId,
  validateListImagesQuery,
  validateNotebookId,
  waitForImage,
} from "@notebook-image/client";
import type { Invocation } from "./args.js";
import { checkedBody, checkedQuery } from "./checked.js";
import { prepareRequest } from "./dry-run.js";
import { ExitCode } from "./exit-codes.js";
import { bodyFlags, queryFlags } from "./field-flags.js";
import { followImage, refOf } from "./follow.js";
import {
  formatImage,
  formatImageTable,
  formatNotebook,
  formatPreview,
  formatProblems,
  formatSummary,
  previewOf,
} from "./format.js";
import { listedType } from "./image-types.js";
import type { Io } from "./io.js";
import { fieldProblem, operandProblem, optionProblem, type ValueSources } from "./issue-subjects.js";
import { type Lifecycle, lifecycleOf } from "./lifecycle.js";
import { nameTakenAdvice } from "./name-taken.js";
import type { Output } from "./output.js";
import type { Problem } from "./problem.js";
import { type CallContext, reportError } from "./report-error.js";
import { deleteCommand, resumeCommand } from "./resume.js";
import { fetchRecordingSignatures } from "./sent-signatures.js";
import { type ClientOptions, openSession } from "./session.js";

export async function execute(
  invocation: Invocation,
  usageProblems: readonly Problem[],
  io: Io,
  output: Output,
): Promise<ExitCode> {
  const { command, common } = invocation;
  const session = await openSession(common, output);
  const problems: Problem[] = [...usageProblems, ...session.problems];
  const missing = new Set(problems.filter((p) => p.valueMissing).map((p) => p.subject));
  for (const problem of inputProblems(invocation)) {
    if (!missing.has(problem.subject)) problems.push(problem);
  }
  if (problems.length > 0 || session.options === undefined) {
    const unique = dedupe(problems);
    return output.fail(ExitCode.usage, formatProblems(unique, output.stderr.style, command), {
      name: "UsageError",
      message: `${unique.length === 1 ? "1 problem" : `${unique.length} problems`}; nothing was sent`,
      problems: unique.map(({ subject, message }) => ({ subject, message })),
    });
  }
  const options = session.options;
  if (common.dryRun) return dryRun(options, invocation, output, session.sources);
  if (options.auth === undefined) throw new Error("no credentials outside a dry run");

  const client = createNotebookImageClient({
    ...options,
    auth: options.auth,
    fetch: fetchRecordingSignatures(output.secrets),
    retry: {
      ...(common.retries === undefined ? {} : { retries: common.retries }),
      onRetry: ({ delayMs, reason }) =>
        output.stderr.write(
          output.stderr.style.dim(`${reason}: trying again in ${Math.ceil(delayMs / 1000)} s\n`),
        ),
    },
  });
  const credential = "token" in options.auth ? "token" : "access-key";
  return call(client, lifecycleOf(client), invocation, io, output, credential);
}

/** What the client's validators say of the operand, the body and the query, before anything is sent. */
function inputProblems({ command, operand, body, query }: Invocation): Problem[] {
  const operandValidator: Record<Invocation["command"], ((value: unknown) => ValidationIssue[]) | undefined> =
    {
      save: validateInstanceId,
      wait: validateImageId,
      "image show": validateImageId,
      "image delete": validateImageId,
      "notebook show": validateNotebookId,
      "image list": undefined,
    };
  const problems: Problem[] = [];
  const validate = operandValidator[command];
  const name = command === "save" || command === "notebook show" ? "<instance-id>" : "<image-id>";
  if (validate !== undefined && operand !== "") {
    problems.push(...validate(operand).map((issue) => operandProblem(issue, name)));
  }
  if (command === "save") {
    problems.push(...validateCreateImageRequest(body).map((issue) => fieldProblem(issue, bodyFlags)));
  }
  if (command === "image list") {
    // The validator names query issues `query.<parameter>`.
    problems.push(
      ...validateListImagesQuery(query).map((issue) => fieldProblem(issue, queryFlags, "query.")),
    );
  }
  return problems;
}

/** The request the command sends first, built by the client and not sent (placeholders without credentials). */
async function dryRun(
  options: ClientOptions,
  invocation: Invocation,
  output: Output,
  sources: ValueSources,
): Promise<ExitCode> {
  let request: Awaited<ReturnType<typeof prepareRequest>>;
  try {
    request = await prepareRequest(options, firstRequest, invocation);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    // Checked above already; kept so that a check the client adds later is still a usage error.
    const problems = error.issues.map((issue) => optionProblem(issue, sources));
    return output.fail(ExitCode.usage, formatProblems(problems, output.stderr.style, invocation.command), {
      name: "UsageError",
      message: error.message,
      problems,
    });
  }
  const preview = previewOf(request, options.auth === undefined);
  output.result(preview, formatPreview(preview, output.stdout.style));
  return ExitCode.ok;
}

/** The first request a command sends: the one the dry run shows. */
async function firstRequest(core: NotebookImageCore, invocation: Invocation): Promise<unknown> {
  const { command, operand } = invocation;
  switch (command) {
    case "save":
      return saveInstanceAsImage(core, operand, checkedBody(invocation.body));
    case "wait":
      return waitForImage(core, operand);
    case "image show":
      return getImage(core, operand);
    case "image list":
      for await (const _ of listImages(core, checkedQuery(invocation.query))) break;
      return undefined;
    case "image delete":
      return deleteImage(core, operand, { force: invocation.force });
    case "notebook show":
      return getNotebook(core, operand);
  }
}

async function call(
  client: NotebookImageClient,
  lifecycle: Lifecycle,
  invocation: Invocation,
  io: Io,
  output: Output,
  credential: ErrorHintContext["credential"],
): Promise<ExitCode> {
  const { command, operand, common, follow } = invocation;
  const style = output.stdout.style;
  const resume = (imageId: string) => resumeCommand(imageId, common, follow);
  const hint = (operation: ErrorHintContext["operation"]) => ({ operation, credential });
  const following = (imageId: string, startedAt: number) => ({
    lifecycle,
    output,
    onInterrupt: io.onInterrupt,
    resume: resume(imageId),
    remove: deleteCommand(imageId, common),
    hint: hint("ShowImage"),
    startedAt,
  });
  switch (command) {
    case "save": {
      const startedAt = Date.now();
      const body = checkedBody(invocation.body);
      let image: Awaited<ReturnType<NotebookImageClient["saveInstanceAsImage"]>>;
      try {
        image = await client.saveInstanceAsImage(operand, body);
      } catch (error) {
        const advice = await nameTakenAdvice(error, body, lifecycle, common);
        return reportError(
          error,
          { what: "the save", notIdempotent: true, hint: hint("createImage"), advice },
          output,
        );
      }
      if (!invocation.wait) {
        output.result(image, formatSummary(image, style, resume(image.id)));
        return ExitCode.ok;
      }
      return followImage(image.id, follow, following(image.id, startedAt), image);
    }
    case "wait":
      return followImage(operand, follow, following(operand, Date.now()));
    case "image show":
      return attempt(
        output,
        { what: `the request for image ${operand}`, hint: hint("ShowImage") },
        async () => {
          const image = await lifecycle.getImage(operand);
          output.result(image, formatImage(image, style, `Image ${refOf(image)}`));
        },
      );
    case "image list":
      return attempt(output, { what: "the image list", hint: hint("ListImage") }, async () => {
        const query = checkedQuery(invocation.query);
        const page = await lifecycle.listImages(query);
        output.result(page.images, formatImageTable(page.images, style, listedType(query), page.total));
      });
    case "image delete":
      return attempt(
        output,
        { what: `the deletion of image ${operand}`, hint: hint("DeleteImage") },
        async () => {
          const image = await lifecycle.deleteImage(operand, invocation.force);
          const what = invocation.force
            ? "and its content in SWR were deleted"
            : "was deleted (its content in SWR was kept)";
          output.result(image ?? { id: operand, status: "DELETED" }, `Image ${operand} ${what}.\n`);
        },
      );
    case "notebook show":
      return attempt(
        output,
        { what: `the request for notebook ${operand}`, hint: hint("ShowNotebook") },
        async () => {
          const notebook = await lifecycle.getNotebook(operand);
          output.result(notebook, formatNotebook(notebook, style));
        },
      );
  }
}

async function attempt(output: Output, context: CallContext, body: () => Promise<void>): Promise<ExitCode> {
  try {
    await body();
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, context, output);
  }
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
