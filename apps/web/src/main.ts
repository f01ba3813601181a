// The "Save as Image" page: checks the form as the user types (with the client's own validation),
// saves through @notebook-image/client on submit, then follows the image until it is ready.
import { createNotebookImageClient, type Image, type ValidationIssue } from "@notebook-image/client";
import { checkForm, clientOptions, isCreateImageRequest } from "./check.js";
import { linkToConsole } from "./console-link.js";
import { fillForDevelopment, suggestLocalServer } from "./dev-form.js";
import { firstInvalidControl, showFieldErrors } from "./field-errors.js";
import { applyFieldMetadata, showPollDefault } from "./field-metadata.js";
import { type Following, followImage, imageRef } from "./follow-view.js";
import { readForm } from "./form-values.js";
import { hideResult, showError } from "./result-view.js";
import { isTakenNameError, showWhoHoldsTheName } from "./taken-name-view.js";
import { waitFor } from "./wait.js";

const form = document.querySelector<HTMLFormElement>("#save-form");
const submit = document.querySelector<HTMLButtonElement>("#submit");
const status = document.querySelector<HTMLElement>("#form-status");
const result = document.querySelector<HTMLElement>("#result");
if (!form || !submit || !status || !result) throw new Error("the page's markup is incomplete");

/** Controls the user has changed or left: only their errors show until a submit is tried. */
const touched = new Set<Element>();
let submitTried = false;
let saving = false;
let issues: ValidationIssue[] = [];
/**
 * The image being followed, if any. It stays until its save ends or the user stops following it:
 * neither editing the form nor another save takes it away, and no save starts meanwhile.
 */
let following: Following | undefined;
// Checks are asynchronous; only the latest one may update the page.
let checkRun = 0;

async function refresh(): Promise<ValidationIssue[]> {
  const run = ++checkRun;
  const found = checkForm(readForm(form as HTMLFormElement));
  if (run !== checkRun) return found;
  issues = found;
  const orphans = showFieldErrors(form as HTMLFormElement, issues, (c) => submitTried || touched.has(c));
  const blocked = issues.length > 0;
  const busy = saving || following?.active === true;
  // aria-disabled, not disabled: the button stays focusable and says why it does nothing.
  (submit as HTMLButtonElement).setAttribute("aria-disabled", String(blocked || busy));
  if (!saving) {
    (status as HTMLElement).textContent = following?.active
      ? followingMessage(following)
      : orphans.length > 0
        ? orphans.map((i) => i.message).join(" ")
        : blocked && submitTried
          ? `Fix ${issues.length === 1 ? "the problem" : `the ${issues.length} problems`} above to save.`
          : "";
  }
  return found;
}

/** Why the Save button does nothing while an image is followed. */
function followingMessage(current: Following): string {
  return `${imageRef(current.image)} is being saved: save again once it has ended, or stop following it.`;
}

form.addEventListener("input", (event) => {
  if (event.target instanceof Element) touched.add(event.target);
  // A result or an error of another form's values would be stale: it goes. An image still being
  // followed is not about the form any more, and stays until it ends or the user stops it.
  if (!following?.active) hideResult(result);
  void refresh();
});
form.addEventListener("focusout", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    if (target.value !== "") touched.add(target);
    void refresh();
  }
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (saving) return;
  if (following?.active) {
    status.textContent = followingMessage(following);
    return;
  }
  submitTried = true;
  const found = await refresh();
  if (found.length > 0) {
    hideResult(result);
    firstInvalidControl(form)?.focus();
    return;
  }
  const values = readForm(form);
  const { body } = values;
  if (!isCreateImageRequest(body)) return;
  // The options passed validateClientOptions in checkForm: creating the client does not throw.
  const client = createNotebookImageClient({
    ...clientOptions(values),
    retry: {
      onRetry: ({ delayMs, reason }) => {
        status.textContent = `${reason}: trying again in ${Math.ceil(delayMs / 1000)} s…`;
      },
    },
  });
  following = undefined;
  hideResult(result);
  saving = true;
  submit.setAttribute("aria-disabled", "true");
  form.setAttribute("aria-busy", "true");
  status.textContent = "Saving…";
  try {
    const startedAt = Date.now();
    const image = await client.saveInstanceAsImage(values.instanceId, body);
    result.hidden = false;
    const follow = (from: Image) => {
      following = followImage(result, from, waitFor(client, from.id, values.follow), {
        startedAt,
        endpoint: values.endpoint,
        followAgain: follow,
      });
      // Saving is possible again once the save has ended or is no longer followed.
      void following.done.then(refresh);
    };
    follow(image);
    result.focus();
  } catch (error) {
    showError(result, error, values.endpoint);
    if (isTakenNameError(error)) void showWhoHoldsTheName(result, client, body, values.endpoint);
  } finally {
    saving = false;
    form.removeAttribute("aria-busy");
    status.textContent = "";
    void refresh();
  }
});

// Set up once: what the user types afterwards is theirs, and is never filled over.
applyFieldMetadata(form);
showPollDefault(form);
suggestLocalServer();
fillForDevelopment(form);
linkToConsole(form);
void refresh();
