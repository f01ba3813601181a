import {
  explainErrorCode,
  ModelArtsApiError,
  NetworkError,
  RequestValidationError,
  TimeoutError,
} from "@notebook-image/client";

/** The result panel, when the save itself failed: why, and what to do about it. */
export function showError(panel: HTMLElement, error: unknown, endpoint: string) {
  const title = panel.querySelector<HTMLElement>("#result-title");
  const body = panel.querySelector<HTMLElement>("#result-body");
  if (!title || !body) return;
  body.replaceChildren();
  panel.classList.remove("success", "following", "stopped");
  panel.classList.add("failure");
  title.textContent = titleOf(error);
  appendError(body, error, endpoint);
  panel.setAttribute("role", "alert");
  panel.hidden = false;
  // Moving focus to the result makes screen readers read it, and keyboard users start from there.
  panel.focus();
}

function titleOf(error: unknown): string {
  if (error instanceof ModelArtsApiError) {
    return `The API refused the save: HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ""}`;
  }
  if (error instanceof TimeoutError) return "No answer in time";
  if (error instanceof NetworkError) return "Could not reach the API";
  if (error instanceof RequestValidationError) return "The request is not valid";
  return "Something went wrong";
}

/** What went wrong and what the page's user can do about it, appended to `body`. */
export function appendError(body: HTMLElement, error: unknown, endpoint: string) {
  if (error instanceof ModelArtsApiError) {
    body.append(paragraph(error.errorCode ? (error.errorMsg ?? "") : error.message));
    // What to do about it, from the client's table of ModelArts error codes. The page sends a
    // token, never an access key pair: an authentication failure's hint is about the token only.
    const hint = explainErrorCode(error.errorCode, { credential: "token" });
    if (hint) {
      const advice = paragraph(` ${hint}`);
      advice.className = "hint";
      advice.prepend(Object.assign(document.createElement("strong"), { textContent: "Hint:" }));
      body.append(advice);
    }
    if (error.requestId) body.append(definitionList([["Request ID", error.requestId]]));
  } else if (error instanceof TimeoutError) {
    body.append(paragraph(`${error.message}. The image may still be saved: check before trying again.`));
  } else if (error instanceof NetworkError) {
    body.append(
      paragraph(`${endpoint} did not answer (${error.message}).`),
      paragraph(
        "Check the endpoint, and that the local server or mock is running (pnpm dev) when using one. A " +
          "browser also refuses the answer of an API that does not allow calls from this page's origin (CORS).",
      ),
    );
  } else if (error instanceof RequestValidationError) {
    const list = document.createElement("ul");
    for (const issue of error.issues)
      list.append(Object.assign(document.createElement("li"), { textContent: issue.message }));
    body.append(list);
  } else {
    body.append(paragraph(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  }
}

export function hideResult(panel: HTMLElement) {
  panel.hidden = true;
}

function paragraph(text: string): HTMLParagraphElement {
  return Object.assign(document.createElement("p"), { textContent: text });
}

function definitionList(rows: [string, string][]): HTMLDListElement {
  const list = document.createElement("dl");
  for (const [term, value] of rows) {
    list.append(
      Object.assign(document.createElement("dt"), { textContent: term }),
      Object.assign(document.createElement("dd"), { textContent: value }),
    );
  }
  return list;
}
