// Follows a notebook instance after `notebook create|start|stop|delete --wait` until it is RUNNING,
// STOPPED or gone: the same live or plain progress on stderr as a save's wait (progress.ts), the
// instance on stdout, and the exit codes of the save's wait for the same endings.
import {
  type ErrorHintContext,
  type Notebook,
  NotebookFailedError,
  TimeoutError,
} from "@notebook-image/client";
import type { FollowOptions } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { formatFailure, formatNotebook } from "./format.js";
import { type Io, listenForInterrupt } from "./io.js";
import type { Lifecycle, NotebookWaitOptions } from "./lifecycle.js";
import type { Output } from "./output.js";
import { type Clock, formatElapsed, type ImageState, progressView } from "./progress.js";
import { reportError } from "./report-error.js";

export interface NotebookFollowContext {
  lifecycle: Lifecycle;
  output: Output;
  onInterrupt: Io["onInterrupt"];
  /** The command that shows the instance, for the messages that end the wait early. */
  show: string;
  /** The poll's operation and the credential, for the hint of an error. */
  hint: ErrorHintContext;
  /** When the user's wait began (the call that changed the instance). */
  startedAt: number;
  clock?: Clock;
}

/** The instance as the progress view shows it: its fail reason as the status message. */
function stateOf(notebook: Notebook): ImageState {
  return {
    id: notebook.id,
    what: "notebook",
    name: notebook.name,
    status: notebook.status,
    status_message: notebook.fail_reason,
  };
}

export async function followNotebook(
  first: Notebook,
  until: NotebookWaitOptions["until"],
  options: FollowOptions,
  context: NotebookFollowContext,
): Promise<ExitCode> {
  const { lifecycle, output } = context;
  const { stderr } = output;
  const id = first.id;
  const now = () => (context.clock ?? Date).now();
  const interrupt = listenForInterrupt(context.onInterrupt);
  const view = progressView(stderr, output.env, context.startedAt, context.clock);
  let last: Notebook = first;
  view.seen(stateOf(first));
  // A deleted instance is gone: the view shows it DELETED under the name it had.
  const gone: ImageState = { ...stateOf(first), status: "DELETED", status_message: undefined };

  try {
    const notebook = await lifecycle.waitForNotebook(id, {
      until,
      signal: interrupt.signal,
      ...options,
      onProgress: (seen) => {
        if (seen !== undefined) last = seen;
        view.seen(seen === undefined ? gone : stateOf(seen));
      },
    });
    view.seen(notebook === undefined ? gone : stateOf(notebook));
    view.end("active");
    if (notebook === undefined) {
      output.result({ id, status: "DELETED" }, `Notebook ${first.name ?? id} (${id}) was deleted.\n`);
    } else {
      output.result(
        notebook,
        formatNotebook(
          notebook,
          output.stdout.style,
          `Notebook ${notebook.name ?? id} is ${notebook.status}`,
        ),
      );
    }
    return ExitCode.ok;
  } catch (error) {
    const elapsed = formatElapsed(now() - context.startedAt);
    const ended = { notebookId: id, show: context.show, notebook: last };
    // The client rejects with the signal's reason when the wait is aborted.
    if (interrupt.signal.aborted) {
      view.end("interrupted");
      return output.fail(
        ExitCode.interrupted,
        `${stderr.style.yellow("stopped:")} no longer waiting for notebook ${id} (last seen ${last.status}) after ${elapsed}.\n` +
          `  It goes on in ModelArts; see it with:\n  ${context.show}\n`,
        { name: "Interrupted", message: "stopped waiting: the instance's operation goes on", ...ended },
      );
    }
    if (error instanceof NotebookFailedError) {
      last = error.notebook;
      view.seen(stateOf(error.notebook));
      view.end("failed");
      const why = error.failReason === undefined ? " (ModelArts gave no reason)" : `: ${error.failReason}`;
      return output.fail(
        ExitCode.saveFailed,
        formatFailure(`notebook ${id} failed after ${elapsed}: ${error.notebook.status}${why}`, stderr.style),
        { name: error.name, message: error.message, ...ended, notebook: error.notebook },
      );
    }
    if (error instanceof TimeoutError) {
      view.end("timed-out");
      return output.fail(
        ExitCode.waitTimedOut,
        formatFailure(
          `notebook ${id} is still ${last.status} after ${elapsed}, not ${until} yet; stopped waiting ` +
            `(--wait-timeout sets the limit). It goes on; see it with:\n  ${context.show}`,
          stderr.style,
        ),
        { name: error.name, message: error.message, ...ended },
      );
    }
    view.end("error");
    return reportError(error, { what: `following notebook ${id}`, hint: context.hint }, output);
  } finally {
    interrupt.stop();
  }
}
