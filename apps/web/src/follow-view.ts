// The result panel while a saved image is followed: its status, the statuses seen so far with
// when, the time since the save, a progress bar, and a button to stop following. It ends with the
// image's SWR path (and a copy button), or why the save failed.
import { type Image, ImageSaveFailedError, TimeoutError } from "@notebook-image/client";
import { appendError } from "./result-view.js";

/** What the view needs to follow an image: the client's wait, bound to the image. */
export type Wait = (options: { signal: AbortSignal; onProgress: (image: Image) => void }) => Promise<Image>;

export interface Following {
  /** Stops following (the save goes on); the panel says so. */
  stop(): void;
  /** Settles when the following has ended, whichever way. */
  done: Promise<void>;
  readonly active: boolean;
  /** The image as last seen. */
  readonly image: Image;
}

/** `name:tag`, as the user typed them. */
export const imageRef = (image: Pick<Image, "name" | "tag">) =>
  image.tag === undefined ? image.name : `${image.name}:${image.tag}`;

/** `0:07`, `12:34`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

export function followImage(
  panel: HTMLElement,
  first: Image,
  wait: Wait,
  options: {
    startedAt: number;
    endpoint: string;
    /** Offered after the user stopped following or the wait ran out: follows the image again. */
    followAgain?: (image: Image) => void;
  },
): Following {
  const title = panel.querySelector<HTMLElement>("#result-title");
  const body = panel.querySelector<HTMLElement>("#result-body");
  if (!title || !body) throw new Error("the result panel's markup is incomplete");
  const controller = new AbortController();
  let last = first;
  let active = true;

  panel.classList.remove("success", "failure", "stopped");
  panel.classList.add("following");
  panel.setAttribute("role", "status");
  panel.setAttribute("aria-busy", "true");
  title.textContent = `Saving ${imageRef(first)}`;

  const status = el("p", "follow-status");
  const badge = el("strong", "badge");
  const elapsed = el("span", "elapsed");
  elapsed.setAttribute("aria-label", "time since the save started");
  // Only the status line is live for screen readers: the clock ticking every second is not read.
  status.setAttribute("aria-live", "polite");
  status.append("Status ", badge, " ", elapsed);
  const bar = document.createElement("progress");
  bar.className = "follow-progress";
  bar.setAttribute("aria-label", "saving the image");
  const history = el("ol", "history");
  history.setAttribute("aria-label", "statuses seen");
  const details = el("dl");
  const stopButton = Object.assign(el("button", "secondary"), {
    type: "button",
    textContent: "Stop following",
  });
  stopButton.id = "stop-following";
  const actions = el("div", "follow-actions");
  actions.append(stopButton);
  body.replaceChildren(status, bar, history, details, actions);

  const tick = () => {
    elapsed.textContent = formatElapsed(Date.now() - options.startedAt);
  };
  const clock = setInterval(tick, 1000);
  tick();

  const seen = (image: Image) => {
    last = image;
    if (badge.textContent !== image.status) {
      badge.textContent = image.status;
      badge.dataset.status = image.status;
      const item = el("li");
      item.append(
        Object.assign(el("span", "history-status"), { textContent: image.status }),
        " ",
        Object.assign(el("span", "history-time"), {
          textContent: formatElapsed(Date.now() - options.startedAt),
        }),
      );
      history.append(item);
    }
    details.replaceChildren(
      ...rows([
        ["Image ID", image.id],
        ["Message", image.status_message],
      ]),
    );
  };
  seen(first);

  const end = (kind: "active" | "failed" | "stopped" | "error") => {
    active = false;
    clearInterval(clock);
    tick();
    panel.removeAttribute("aria-busy");
    panel.classList.remove("following");
    actions.remove();
    bar.max = 1;
    bar.value = kind === "active" ? 1 : 0;
    if (kind !== "active") bar.remove();
  };
  const againButton = () => {
    const again = Object.assign(el("button", "secondary"), { type: "button", textContent: "Follow again" });
    again.id = "follow-again";
    again.addEventListener("click", () => options.followAgain?.(last));
    const row = el("div", "follow-actions");
    row.append(again);
    return row;
  };

  const done = wait({ signal: controller.signal, onProgress: seen }).then(
    (image) => {
      seen(image);
      end("active");
      panel.classList.add("success");
      title.textContent = `${imageRef(image)} is ready`;
      const path = image.swr_path ?? "";
      body.append(
        swrPathRow(path),
        paragraph("The image is in SWR: a new notebook instance can be created from it."),
      );
      panel.focus();
    },
    (error: unknown) => {
      if (controller.signal.aborted) {
        end("stopped");
        panel.classList.add("stopped");
        title.textContent = `Stopped following ${imageRef(last)}`;
        body.append(
          paragraph(
            `The save goes on in ModelArts: the image was ${last.status} when you stopped. ` +
              "Its status is in the ModelArts console, or with notebook-image wait on the command line.",
          ),
        );
        if (options.followAgain) body.append(againButton());
        return;
      }
      const failed = error instanceof ImageSaveFailedError;
      const image = failed || error instanceof TimeoutError ? error.image : undefined;
      if (image !== undefined) seen(image);
      end(failed ? "failed" : "error");
      panel.classList.add("failure");
      panel.setAttribute("role", "alert");
      if (failed) {
        title.textContent = `Saving ${imageRef(last)} failed: ${last.status}`;
        // The reason is said once, below, rather than also as the last progress message.
        details.replaceChildren(...rows([["Image ID", last.id]]));
        body.append(
          paragraph(
            last.status_message ? `ModelArts says: ${last.status_message}` : "ModelArts gave no reason.",
          ),
        );
      } else if (error instanceof TimeoutError) {
        // The wait's own limit: the client polls again after a poll that timed out.
        title.textContent = `${imageRef(last)} is still ${last.status}`;
        body.append(
          paragraph(
            "The page stopped following it: saving takes longer than the page waits. The save goes on in " +
              "ModelArts; save again only after checking that it has failed.",
          ),
        );
        if (options.followAgain) body.append(againButton());
      } else {
        title.textContent = `Could not follow ${imageRef(last)}`;
        appendError(body, error, options.endpoint);
      }
      panel.focus();
    },
  );

  stopButton.addEventListener("click", () => controller.abort());
  return {
    stop: () => controller.abort(),
    done,
    get active() {
      return active;
    },
    get image() {
      return last;
    },
  };
}

/** The SWR path, with a button that copies it. */
function swrPathRow(path: string): HTMLElement {
  const row = el("div", "swr-path");
  const label = Object.assign(el("span", "swr-label"), { textContent: "SWR path" });
  const code = Object.assign(el("code"), { textContent: path || "(not given by the API)" });
  code.id = "swr-path";
  const copy = Object.assign(el("button", "secondary"), { type: "button", textContent: "Copy" });
  copy.id = "copy-swr-path";
  copy.setAttribute("aria-label", "Copy the SWR path");
  const said = Object.assign(el("span", "copied"), { textContent: "" });
  said.setAttribute("aria-live", "polite");
  copy.disabled = path === "";
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(path);
      said.textContent = "Copied";
    } catch {
      // No clipboard (an insecure origin, a refused permission): select the text for Ctrl-C.
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      said.textContent = "Selected: press Ctrl-C to copy";
    }
  });
  row.append(label, code, copy, said);
  return row;
}

function rows(pairs: [string, string | undefined][]): HTMLElement[] {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== "")
    .flatMap(([term, value]) => [
      Object.assign(el("dt"), { textContent: term }),
      Object.assign(el("dd"), { textContent: value }),
    ]);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function paragraph(text: string): HTMLParagraphElement {
  return Object.assign(el("p"), { textContent: text });
}
