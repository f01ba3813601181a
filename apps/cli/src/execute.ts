// Runs one command: every problem with the input is found and reported before anything is sent;
// then the dry run shows the request, or the command calls the API.
import {
  createNotebook,
  createNotebookImageClient,
  deleteImage,
  deleteNotebook,
  type ErrorHintContext,
  getImage,
  getNotebook,
  listImages,
  listNotebooks,
  ModelArtsApiError,
  type NotebookImageClient,
  type NotebookImageCore,
  RequestValidationError,
  renewNotebookLease,
  saveInstanceAsImage,
  startNotebook,
  stopNotebook,
  updateNotebook,
  type ValidationIssue,
  validateCreateImageRequest,
  validateCreateNotebookRequest,
  validateImageId,
  validateInstanceId,
  validateLeaseRequest,
  validateListImagesQuery,
  validateListNotebooksQuery,
  validateNotebookId,
  validateStartNotebookQuery,
  validateUpdateNotebookRequest,
  waitForImage,
} from "@notebook-image/client";
import type { Invocation } from "./args.js";
import {
  checkedBody,
  checkedLease,
  checkedNotebookBody,
  checkedNotebookQuery,
  checkedQuery,
  checkedStartQuery,
  checkedUpdateBody,
} from "./checked.js";
import { prepareRequest } from "./dry-run.js";
import { ExitCode } from "./exit-codes.js";
import {
  bodyFlags,
  leaseBodyFlags,
  notebookBodyFlags,
  notebookQueryFlags,
  queryFlags,
  startQueryFlags,
  updateBodyFlags,
} from "./field-flags.js";
import { followImage, refOf } from "./follow.js";
import { followNotebook } from "./follow-notebook.js";
import {
  formatImage,
  formatImageTable,
  formatLease,
  formatNotebook,
  formatNotebookTable,
  formatPreview,
  formatProblems,
  formatSummary,
  previewOf,
} from "./format.js";
import { listedType } from "./image-types.js";
import type { Io } from "./io.js";
import {
  fieldProblem,
  fieldProblems,
  operandProblem,
  optionProblem,
  type ValueSources,
} from "./issue-subjects.js";
import { type Lifecycle, lifecycleOf } from "./lifecycle.js";
import { nameTakenAdvice } from "./name-taken.js";
import type { Output } from "./output.js";
import type { Problem } from "./problem.js";
import { type CallContext, reportError } from "./report-error.js";
import { deleteCommand, resumeCommand, showNotebookCommand } from "./resume.js";
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
      "notebook start": validateNotebookId,
      "notebook stop": validateNotebookId,
      "notebook delete": validateNotebookId,
      "notebook update": validateNotebookId,
      "notebook renew": validateNotebookId,
      "notebook wait": validateNotebookId,
      "image list": undefined,
      "notebook create": undefined,
      "notebook list": undefined,
    };
  const problems: Problem[] = [];
  const validate = operandValidator[command];
  const name = command === "save" || command.startsWith("notebook ") ? "<instance-id>" : "<image-id>";
  if (validate !== undefined && operand !== "") {
    problems.push(...validate(operand).map((issue) => operandProblem(issue, name)));
  }
  // The query validators name their issues `query.<parameter>`.
  switch (command) {
    case "save":
      problems.push(...validateCreateImageRequest(body).map((issue) => fieldProblem(issue, bodyFlags)));
      break;
    case "image list":
      problems.push(
        ...validateListImagesQuery(query).map((issue) => fieldProblem(issue, queryFlags, "query.")),
      );
      break;
    case "notebook create":
      problems.push(
        ...validateCreateNotebookRequest(body).flatMap((issue) => fieldProblems(issue, notebookBodyFlags)),
      );
      break;
    case "notebook list":
      problems.push(
        ...validateListNotebooksQuery(query).map((issue) =>
          fieldProblem(issue, notebookQueryFlags, "query."),
        ),
      );
      break;
    case "notebook start":
      problems.push(
        ...validateStartNotebookQuery(query).map((issue) => fieldProblem(issue, startQueryFlags, "query.")),
      );
      break;
    case "notebook update":
      problems.push(
        ...validateUpdateNotebookRequest(body).flatMap((issue) => fieldProblems(issue, updateBodyFlags)),
      );
      if (Object.keys(body).length === 0) {
        problems.push({
          subject: "notebook update",
          message: `nothing to change: give one or more of ${updateBodyFlags.map((f) => `--${f.flag}`).join(", ")}`,
        });
      }
      break;
    case "notebook renew":
      problems.push(
        ...validateLeaseRequest(body).map((issue) => fieldProblem(issue, leaseBodyFlags, "lease.")),
      );
      break;
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
    case "notebook create":
      return createNotebook(core, checkedNotebookBody(invocation.body));
    case "notebook list":
      for await (const _ of listNotebooks(core, checkedNotebookQuery(invocation.query))) break;
      return undefined;
    case "notebook start":
      return startNotebook(core, operand, checkedStartQuery(invocation.query));
    case "notebook stop":
      return stopNotebook(core, operand);
    case "notebook delete":
      return deleteNotebook(core, operand);
    case "notebook update":
      return updateNotebook(core, operand, checkedUpdateBody(invocation.body));
    case "notebook renew":
      return renewNotebookLease(core, operand, checkedLease(invocation.body));
    case "notebook wait":
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
    case "notebook list":
      return attempt(output, { what: "the notebook list", hint: hint("ListNotebooks") }, async () => {
        const listing = await lifecycle.listNotebooks(checkedNotebookQuery(invocation.query));
        output.result(listing.notebooks, formatNotebookTable(listing.notebooks, style, listing.total));
      });
    case "notebook update":
      return attempt(
        output,
        { what: `the update of notebook ${operand}`, hint: hint("UpdateNotebook") },
        async () => {
          const notebook = await lifecycle.updateNotebook(operand, checkedUpdateBody(invocation.body));
          const title = `Notebook ${notebook.name ?? notebook.id} was updated`;
          output.result(notebook, formatNotebook(notebook, style, title));
        },
      );
    case "notebook renew":
      return attempt(
        output,
        { what: `the renewal of notebook ${operand}'s lease`, hint: hint("RenewLease") },
        async () => {
          const lease = await lifecycle.renewNotebookLease(operand, checkedLease(invocation.body));
          output.result(lease, formatLease(operand, lease, style));
        },
      );
    case "notebook wait":
      return waitForNotebookCommand(lifecycle, invocation, io, output, hint);
    case "notebook create":
    case "notebook start":
    case "notebook stop":
    case "notebook delete":
      return changeNotebook(lifecycle, invocation, io, output, hint);
  }
}

/** How ModelArts answers an instance that does not exist (any more). */
const NOTEBOOK_NOT_FOUND = "ModelArts.6309";

/**
 * `notebook wait`: follows the instance as it is now until it is what --until asks, as the notebook
 * commands' --wait does. Waiting until an instance that is gone already is deleted ends at once.
 */
async function waitForNotebookCommand(
  lifecycle: Lifecycle,
  invocation: Invocation,
  io: Io,
  output: Output,
  hint: (operation: ErrorHintContext["operation"]) => ErrorHintContext,
): Promise<ExitCode> {
  const { operand, until, common } = invocation;
  const startedAt = Date.now();
  let notebook: Awaited<ReturnType<Lifecycle["getNotebook"]>>;
  try {
    notebook = await lifecycle.getNotebook(operand);
  } catch (error) {
    if (until === "DELETED" && error instanceof ModelArtsApiError && error.errorCode === NOTEBOOK_NOT_FOUND) {
      output.result({ id: operand, status: "DELETED" }, `Notebook ${operand} is gone (deleted).\n`);
      return ExitCode.ok;
    }
    return reportError(
      error,
      { what: `the request for notebook ${operand}`, hint: hint("ShowNotebook") },
      output,
    );
  }
  return followNotebook(notebook, until, invocation.follow, {
    lifecycle,
    output,
    onInterrupt: io.onInterrupt,
    show: showNotebookCommand(notebook.id, common),
    hint: hint("ShowNotebook"),
    startedAt,
  });
}

/** The notebook calls that change an instance, and with --wait, following it to the status they lead to. */
async function changeNotebook(
  lifecycle: Lifecycle,
  invocation: Invocation,
  io: Io,
  output: Output,
  hint: (operation: ErrorHintContext["operation"]) => ErrorHintContext,
): Promise<ExitCode> {
  const { command, operand, common } = invocation;
  const startedAt = Date.now();
  const calls = {
    "notebook create": {
      what: "the creation of the notebook instance",
      operation: "CreateNotebook",
      until: "RUNNING",
      call: () => lifecycle.createNotebook(checkedNotebookBody(invocation.body)),
    },
    "notebook start": {
      what: `the start of notebook ${operand}`,
      operation: "StartNotebook",
      until: "RUNNING",
      call: () => lifecycle.startNotebook(operand, checkedStartQuery(invocation.query)),
    },
    "notebook stop": {
      what: `the stop of notebook ${operand}`,
      operation: "StopNotebook",
      until: "STOPPED",
      call: () => lifecycle.stopNotebook(operand),
    },
    "notebook delete": {
      what: `the deletion of notebook ${operand}`,
      operation: "DeleteNotebook",
      until: "DELETED",
      call: () => lifecycle.deleteNotebook(operand),
    },
  } as const;
  const { what, operation, until, call } = calls[command as keyof typeof calls];
  let notebook: Awaited<ReturnType<typeof call>>;
  try {
    notebook = await call();
  } catch (error) {
    // A create that timed out may have made the instance (names may repeat): say to look first.
    return reportError(
      error,
      { what, hint: hint(operation), notIdempotent: command === "notebook create" },
      output,
    );
  }
  const show = showNotebookCommand(notebook.id, common);
  if (!invocation.wait) {
    const title = `Notebook ${notebook.name ?? notebook.id} is ${notebook.status}`;
    const follow = `${output.stdout.style.dim(`It goes on to ${until === "DELETED" ? "be gone" : until}; follow it with --wait, or see it with:`)}\n  ${show}\n`;
    output.result(notebook, `${formatNotebook(notebook, output.stdout.style, title)}${follow}`);
    return ExitCode.ok;
  }
  return followNotebook(notebook, until, invocation.follow, {
    lifecycle,
    output,
    onInterrupt: io.onInterrupt,
    show,
    hint: hint("ShowNotebook"),
    startedAt,
  });
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
