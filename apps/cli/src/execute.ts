// Runs one command: every problem with the input is found and reported before anything is sent;
// then the dry run shows the request, or the command calls the API.
import {
  createNotebookImageClient,
  type NotebookImageClient,
  type ValidationIssue,
  validateCreateImageRequest,
  validateInstanceId,
} from "@notebook-image/client";
import type { Invocation } from "./args.js";
import { buildRequest } from "./build-request.js";
import { ExitCode } from "./exit-codes.js";
import { bodyFlags, type FieldFlag, queryFlags } from "./field-flags.js";
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
import type { Io } from "./io.js";
import { issueToProblem } from "./issue-subjects.js";
import { type Lifecycle, lifecycleOf, NotAvailableError } from "./lifecycle.js";
import type { Output } from "./output.js";
import type { Problem } from "./problem.js";
import { reportError } from "./report-error.js";
import { resumeCommand } from "./resume.js";
import { type ClientOptions, openSession } from "./session.js";

export async function execute(
  invocation: Invocation,
  usageProblems: readonly Problem[],
  io: Io,
  output: Output,
): Promise<ExitCode> {
  const { command, common } = invocation;
  const session = await openSession(common, output);
  const fields: readonly FieldFlag[] =
    command === "save" ? bodyFlags : command === "image list" ? queryFlags : [];
  const operandName = command === "save" || command === "notebook show" ? "<instance-id>" : "<image-id>";
  const problems: Problem[] = [...usageProblems, ...session.problems];
  const missing = new Set(problems.filter((p) => p.valueMissing).map((p) => p.subject));
  for (const issue of inputIssues(invocation)) {
    const problem = issueToProblem(issue, session.sources, fields, operandName);
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
  if (common.dryRun) return dryRun(options, invocation, output);

  const client = createNotebookImageClient({
    ...options,
    retry: {
      ...(common.retries === undefined ? {} : { retries: common.retries }),
      onRetry: ({ delayMs, reason }) =>
        output.stderr.write(
          output.stderr.style.dim(`${reason}: trying again in ${Math.ceil(delayMs / 1000)} s\n`),
        ),
    },
  });
  try {
    return await call(client, lifecycleOf(client), invocation, io, output);
  } catch (error) {
    if (error instanceof NotAvailableError) {
      return output.fail(ExitCode.unexpected, `error: ${error.message}\n`, {
        name: error.name,
        message: error.message,
      });
    }
    throw error;
  }
}

/** What the client's validators say about the operand and the fields, before anything is sent. */
function inputIssues({ command, operand, body }: Invocation): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (operand !== "" && (command === "save" || command === "notebook show"))
    issues.push(...validateInstanceId(operand));
  if (command === "save") issues.push(...validateCreateImageRequest(body as never));
  return issues;
}

async function dryRun(options: ClientOptions, invocation: Invocation, output: Output): Promise<ExitCode> {
  const request = await buildRequest(options, (client) =>
    firstRequest(client, lifecycleOf(client), invocation),
  );
  const preview = previewOf(request);
  output.stdout.write(
    output.json ? `${JSON.stringify(preview, null, 2)}\n` : formatPreview(preview, output.stdout.style),
  );
  return ExitCode.ok;
}

/** The first request a command sends: the one the dry run shows. */
function firstRequest(
  client: NotebookImageClient,
  lifecycle: Lifecycle,
  invocation: Invocation,
): Promise<unknown> {
  const { command, operand } = invocation;
  switch (command) {
    case "save":
      return client.saveInstanceAsImage(operand, invocation.body as never);
    case "wait":
    case "image show":
      return lifecycle.getImage(operand);
    case "image list":
      return lifecycle.listImages(invocation.query);
    case "image delete":
      return lifecycle.deleteImage(operand, invocation.force);
    case "notebook show":
      return lifecycle.getNotebook(operand);
  }
}

async function call(
  client: NotebookImageClient,
  lifecycle: Lifecycle,
  invocation: Invocation,
  io: Io,
  output: Output,
): Promise<ExitCode> {
  const { command, operand, common, follow } = invocation;
  const style = output.stdout.style;
  const resume = (imageId: string) => resumeCommand(imageId, common, follow);
  switch (command) {
    case "save": {
      const startedAt = Date.now();
      let image: Awaited<ReturnType<NotebookImageClient["saveInstanceAsImage"]>>;
      try {
        image = await client.saveInstanceAsImage(operand, invocation.body as never);
      } catch (error) {
        return reportError(error, { what: "the save", notIdempotent: true }, output);
      }
      if (!invocation.wait) {
        output.result(image, formatSummary(image, style, resume(image.id)));
        return ExitCode.ok;
      }
      return followImage(
        image.id,
        follow,
        { lifecycle, output, onInterrupt: io.onInterrupt, resume: resume(image.id), startedAt },
        image,
      );
    }
    case "wait":
      return followImage(operand, follow, {
        lifecycle,
        output,
        onInterrupt: io.onInterrupt,
        resume: resume(operand),
        startedAt: Date.now(),
      });
    case "image show":
      return attempt(output, `the request for image ${operand}`, async () => {
        const image = await lifecycle.getImage(operand);
        output.result(image, formatImage(image, style, `Image ${refOf(image)}`));
      });
    case "image list":
      return attempt(output, "the image list", async () => {
        const page = await lifecycle.listImages(invocation.query);
        output.result(page.images, formatImageTable(page.images, style, page.total));
      });
    case "image delete":
      return attempt(output, `the deletion of image ${operand}`, async () => {
        const image = await lifecycle.deleteImage(operand, invocation.force);
        const what = invocation.force
          ? "and its content in SWR were deleted"
          : "was deleted (its content in SWR was kept)";
        output.result(image ?? { id: operand, status: "DELETED" }, `Image ${operand} ${what}.\n`);
      });
    case "notebook show":
      return attempt(output, `the request for notebook ${operand}`, async () => {
        const notebook = await lifecycle.getNotebook(operand);
        output.result(notebook, formatNotebook(notebook, style));
      });
  }
}

async function attempt(output: Output, what: string, body: () => Promise<void>): Promise<ExitCode> {
  try {
    await body();
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof NotAvailableError) throw error;
    return reportError(error, { what }, output);
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
