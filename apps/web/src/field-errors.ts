import type { ValidationIssue } from "@notebook-image/client";

/**
 * The form control an issue is about. Inputs carry the client's path in `data-path` (`name`,
 * `instanceId`, `baseUrl`, `auth.token`, `headers`); a nested path (`headers.Prefer`) belongs to
 * the control of its first segment.
 */
export function controlFor(
  form: HTMLFormElement,
  path: string,
): HTMLInputElement | HTMLTextAreaElement | null {
  const exact = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `[data-path="${CSS.escape(path)}"]`,
  );
  if (exact) return exact;
  const first = path.split(/[.[]/)[0] ?? path;
  return form.querySelector(`[data-path="${CSS.escape(first)}"]`);
}

/** The field's name as its label shows it, without the required marker. */
function fieldName(control: HTMLElement): string {
  const label = control.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  const text = label?.firstChild?.textContent?.trim();
  return text || control.getAttribute("name") || "This field";
}

/**
 * The client's message, led by the field's label instead of the path: "Name must match …".
 * Advice meant for the client's programmers (set this option) is replaced by what the page's user
 * can do.
 */
export function messageFor(control: HTMLElement, issue: ValidationIssue): string {
  if (issue.path === "baseUrl" && issue.rule === "https") {
    return `${fieldName(control)} must use https:// (plain http:// would send the token in clear text); http:// is accepted for this machine only (127.0.0.1, localhost)`;
  }
  const prefix = `${issue.path}: `;
  const rule = issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
  return `${fieldName(control)} ${rule}`;
}

/**
 * Shows each issue under its field (aria-invalid, the error element it is described by), for the
 * controls in `shown` only: a field the user has not reached yet is not scolded. Issues that
 * belong to no control are returned, for the form-level status.
 */
export function showFieldErrors(
  form: HTMLFormElement,
  issues: readonly ValidationIssue[],
  shown: (control: Element) => boolean,
): ValidationIssue[] {
  const byControl = new Map<Element, string[]>();
  const orphans: ValidationIssue[] = [];
  for (const issue of issues) {
    const control = controlFor(form, issue.path);
    if (!control) {
      orphans.push(issue);
      continue;
    }
    const messages = byControl.get(control) ?? [];
    messages.push(messageFor(control, issue));
    byControl.set(control, messages);
  }
  for (const control of form.querySelectorAll<HTMLElement>("[data-path]")) {
    const error = document.getElementById(`${control.id}-error`);
    const messages = shown(control) ? (byControl.get(control) ?? []) : [];
    if (messages.length > 0) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    if (error) {
      error.textContent = messages.join(" ");
      error.hidden = messages.length === 0;
    }
  }
  return orphans;
}

/** The first control with an issue, in page order: where focus goes after a refused submit. */
export function firstInvalidControl(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('[aria-invalid="true"]');
}
