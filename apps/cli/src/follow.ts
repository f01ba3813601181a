// Follows an image to its end (`save --wait`, `wait`): the live or plain progress on stderr, the
// final image on stdout, and an exit code for each way a wait ends.
import {
  type ErrorHintContext,
  type Image,
  ImageSaveFailedError,
  TimeoutError,
} from "@notebook-image/client";
import type { FollowOptions } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { formatFailure, formatImage } from "./format.js";
import { type Io, listenForInterrupt } from "./io.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Output } from "./output.js";
import { type Clock, formatElapsed, progressView } from "./progress.js";
import { reportError } from "./report-error.js";

export interface FollowContext {
  lifecycle: Lifecycle;
  output: Output;
  onInterrupt: Io["onInterrupt"];
  /** The command that resumes this wait, for the messages that end it early. */
  resume: string;
  /** The command that deletes the image, for a failed save: its image keeps the name and tag. */
  remove: string;
  /** The poll's operation and the credential, for the hint of an error. */
  hint: ErrorHintContext;
  /** When the user's wait began (the save call, for `save --wait`). */
  startedAt: number;
  clock?: Clock;
}

export async function followImage(
  imageId: string,
  options: FollowOptions,
  context: FollowContext,
  first?: Image,
): Promise<ExitCode> {
  const { lifecycle, output } = context;
  const { stderr } = output;
  const now = () => (context.clock ?? Date).now();
  const interrupt = listenForInterrupt(context.onInterrupt);
  const view = progressView(stderr, output.env, context.startedAt, context.clock);
  let last = first;
  if (first !== undefined) view.seen(first);

  try {
    const image = await lifecycle.waitForImage(imageId, {
      signal: interrupt.signal,
      ...options,
      onProgress: (seen) => {
        last = seen;
        view.seen(seen);
      },
    });
    view.seen(image);
    view.end("active");
    output.result(image, formatImage(image, stdout(output), `${refOf(image)} is ready`));
    return ExitCode.ok;
  } catch (error) {
    const elapsed = formatElapsed(now() - context.startedAt);
    // The client rejects with the signal's reason when the wait is aborted.
    if (interrupt.signal.aborted) {
      view.end("interrupted");
      const status = last === undefined ? "" : ` (last seen ${last.status})`;
      return output.fail(
        ExitCode.interrupted,
        `${stderr.style.yellow("stopped:")} no longer waiting for image ${imageId}${status} after ${elapsed}.\n` +
          `  The save itself goes on in ModelArts; follow it again with:\n  ${context.resume}\n`,
        {
          name: "Interrupted",
          message: "stopped waiting: the save goes on",
          imageId,
          resume: context.resume,
          ...lastOf(last),
        },
      );
    }
    if (error instanceof ImageSaveFailedError) {
      const image = error.image ?? last;
      if (image !== undefined) view.seen(image);
      view.end("failed");
      const why = image?.status_message ? `: ${image.status_message}` : " (ModelArts gave no reason)";
      // A failed image is still there, under its name and tag: a new save of the same name:tag
      // is refused (ModelArts.2884) until it is deleted. A DELETED one holds nothing.
      const held =
        image?.status === "DELETED"
          ? ""
          : `\n  The failed image keeps ${image === undefined ? "its name and tag" : refOf(image)}: a new save ` +
            `under the same name and tag is refused until it is deleted:\n  ${context.remove}`;
      return output.fail(
        ExitCode.saveFailed,
        formatFailure(
          `the save of image ${imageId} failed after ${elapsed}: ${image?.status ?? "failed"}${why}${held}`,
          stderr.style,
        ),
        { name: error.name, message: error.message, imageId, ...lastOf(image) },
      );
    }
    // A poll that timed out is polled again by the client: a TimeoutError is the wait's own limit.
    if (error instanceof TimeoutError) {
      view.end("timed-out");
      const image = error.image ?? last;
      return output.fail(
        ExitCode.waitTimedOut,
        formatFailure(
          `image ${imageId} is still ${image?.status ?? "being saved"} after ${elapsed}; stopped waiting ` +
            `(--wait-timeout sets the limit). The save goes on; follow it again with:\n  ${context.resume}`,
          stderr.style,
        ),
        { name: error.name, message: error.message, imageId, resume: context.resume, ...lastOf(image) },
      );
    }
    view.end("error");
    return reportError(error, { what: `following image ${imageId}`, hint: context.hint }, output);
  } finally {
    interrupt.stop();
  }
}

const lastOf = (image: Image | undefined) => (image === undefined ? {} : { image });
const stdout = (output: Output) => output.stdout.style;

export function refOf(image: { name: string; tag?: string | undefined }): string {
  return image.tag === undefined ? image.name : `${image.name}:${image.tag}`;
}
