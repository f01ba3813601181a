// What the user sees while an image is followed. On a terminal: one status line, redrawn in
// place with a spinner and the elapsed time, that ends with the result. Anywhere else (a CI log,
// a file): one plain line per status change, since a redrawn line would fill a log with frames.
import type { Out } from "./output.js";
import { own, pieces, printable } from "./terminal-text.js";

/** What the view needs of an image (or of a notebook instance: `what` says so). */
export interface ImageState {
  id: string;
  /** What it is, named when it has no name: "image" unless said. */
  what?: "image" | "notebook";
  name?: string | undefined;
  tag?: string | undefined;
  status: string;
  status_message?: string | undefined;
}

export type Ending = "active" | "failed" | "timed-out" | "interrupted" | "error";

export interface ProgressView {
  /** The image as last seen: called with each status change (and may be called with repeats). */
  seen(image: ImageState): void;
  /** Ends the view; the live line is left on screen with the ending's mark. */
  end(ending: Ending): void;
}

export interface Clock {
  now(): number;
  setInterval(callback: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** Braille spinner frames, as ora and most Node CLIs draw them. */
export const SPINNER_FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] as const;
const FRAME_MS = 100;

/** `0:07`, `12:34`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function label(image: ImageState): string {
  if (image.name === undefined) return `${image.what ?? "image"} ${image.id}`;
  return `${image.tag === undefined ? image.name : `${image.name}:${image.tag}`} (${image.id})`;
}

/**
 * The live view when `out` is a terminal (and TERM is not dumb), the plain one otherwise.
 * `startedAt` is when the save (or the wait) began, so the time shown is the user's wait.
 */
export function progressView(
  out: Out,
  env: Readonly<Record<string, string | undefined>>,
  startedAt: number,
  clock: Clock = systemClock,
): ProgressView {
  return out.stream.isTTY === true && env.TERM !== "dumb"
    ? liveView(out, startedAt, clock)
    : plainView(out, startedAt, clock);
}

function plainView(out: Out, startedAt: number, clock: Clock): ProgressView {
  let last: string | undefined;
  return {
    seen(image) {
      // One line per status change: a CI log is read after the fact, not watched.
      if (image.status === last) return;
      last = image.status;
      const message = image.status_message ? ` · ${image.status_message}` : "";
      out.write(`[${formatElapsed(clock.now() - startedAt)}] ${label(image)} ${image.status}${message}\n`);
    },
    end() {},
  };
}

function liveView(out: Out, startedAt: number, clock: Clock): ProgressView {
  const { style } = out;
  let image: ImageState | undefined;
  let frame = 0;
  let ended = false;
  const line = (mark: string) => {
    const status = image === undefined ? "waiting for the first answer" : style.bold(image.status);
    const what = image === undefined ? "" : `${label(image)} `;
    const message = image?.status_message ? ` ${style.dim(`· ${image.status_message}`)}` : "";
    return `${mark} ${what}${status} ${style.dim(formatElapsed(clock.now() - startedAt))}${message}`;
  };
  // \r and "erase line": the line is redrawn in place; without a newline until it ends.
  const draw = (text: string) => out.write(`${own("\r\u001b[2K")}${fitToWidth(text, out.stream.columns)}`);
  const timer = clock.setInterval(() => {
    frame = (frame + 1) % SPINNER_FRAMES.length;
    draw(line(style.yellow(SPINNER_FRAMES[frame] as string)));
  }, FRAME_MS);
  timer.unref?.();
  draw(line(style.yellow(SPINNER_FRAMES[0])));
  return {
    seen(next) {
      if (ended) return;
      image = next;
      draw(line(style.yellow(SPINNER_FRAMES[frame] as string)));
    },
    end(ending) {
      if (ended) return;
      ended = true;
      clock.clearInterval(timer);
      const mark =
        ending === "active"
          ? style.green("✔")
          : ending === "failed" || ending === "error"
            ? style.red("✖")
            : style.yellow("■");
      draw(line(mark));
      out.write("\n");
    },
  };
}

/**
 * Cuts a line that would wrap: a wrapped line cannot be redrawn in place. The CLI's own escape
 * sequences take no room on screen; a control character from outside takes the room of the escape
 * it is shown as.
 */
function fitToWidth(text: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 1) return text;
  let visible = 0;
  let out = "";
  let styled = false;
  for (const piece of pieces(text)) {
    if (piece.own) {
      out += piece.text;
      styled = true;
      continue;
    }
    for (const char of piece.text) {
      const width = printable(char).length;
      if (visible + width > columns - 1) return styled ? `${out}${own("\u001b[0m")}` : out;
      out += char;
      visible += width;
    }
  }
  return out;
}
