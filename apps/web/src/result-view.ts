import {
  explainErrorCode,
  type Image,
  ModelArtsApiError,
  NetworkError,
  RequestValidationError,
  TimeoutError,
} from "@notebook-image/client";

/** The result panel: the saved image, or why the save failed. */
export function showResult(
  panel: HTMLElement,
  outcome: { image: Image } | { error: unknown },
  endpoint: string,
) {
  const title = panel.querySelector<HTMLElement>("#result-title");
  const body = panel.querySelector<HTMLElement>("#result-body");
  if (!title || !body) return;
  body.replaceChildren();
  panel.classList.toggle("success", "image" in outcome);
  panel.classList.toggle("failure", "error" in outcome);

  if ("image" in outcome) {
    const { image } = outcome;
    const ref = image.tag === undefined ? image.name : `${image.name}:${image.tag}`;
    title.textContent = `Saving ${ref} has started`;
    body.append(
      definitionList([
        ["Image ID", image.id],
        ["Status", image.status],
        ["SWR path", image.swr_path ?? "(not given by the API)"],
        ["Organization", image.namespace],
      ]),
      paragraph("The save goes on in the background: the image is ready when its status is ACTIVE."),
    );
  } else {
    const { error } = outcome;
    if (error instanceof ModelArtsApiError) {
      title.textContent = `The API refused the save: HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ""}`;
      body.append(paragraph(error.errorCode ? (error.errorMsg ?? "") : error.message));
      // What to do about it, from the client's table of ModelArts error codes.
      const hint = explainErrorCode(error.errorCode);
      if (hint) {
        const advice = paragraph(` ${hint}`);
        advice.className = "hint";
        advice.prepend(Object.assign(document.createElement("strong"), { textContent: "Hint:" }));
        body.append(advice);
      }
      if (error.requestId) body.append(definitionList([["Request ID", error.requestId]]));
    } else if (error instanceof TimeoutError) {
      title.textContent = "No answer in time";
      body.append(paragraph(`${error.message}. The image may still be saved: check before trying again.`));
    } else if (error instanceof NetworkError) {
      title.textContent = "Could not reach the API";
      body.append(
        paragraph(`${endpoint} did not answer (${error.message}).`),
        paragraph(
          "Check the endpoint, and that the mock is running (pnpm mock) when using it. A browser also " +
            "refuses the answer of an API that does not allow calls from this page's origin (CORS).",
        ),
      );
    } else if (error instanceof RequestValidationError) {
      title.textContent = "The request is not valid";
      const list = document.createElement("ul");
      for (const issue of error.issues)
        list.append(Object.assign(document.createElement("li"), { textContent: issue.message }));
      body.append(list);
    } else {
      title.textContent = "Something went wrong";
      body.append(paragraph(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    }
  }
  panel.setAttribute("role", "image" in outcome ? "status" : "alert");
  panel.hidden = false;
  // Moving focus to the result makes screen readers read it, and keyboard users start from there.
  panel.focus();
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
