// The body fields' controls, set up from the spec's field metadata (through the client): whether
// a field is required (the label's marker too), its length limit, and its default or the spec's
// example as the placeholder. The markup only places and labels the controls.
import { CREATE_IMAGE_FIELDS, DEFAULT_POLL_INTERVAL_MS } from "@notebook-image/client";

export function applyFieldMetadata(form: HTMLFormElement) {
  for (const field of CREATE_IMAGE_FIELDS) {
    const control = form.elements.namedItem(field.name);
    if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) continue;
    control.required = field.required;
    if (field.maxLength !== undefined) control.maxLength = field.maxLength;
    // A default is what an empty field means; otherwise the spec's example shows the form of a value.
    if (field.default !== undefined) control.placeholder = `${field.default} (the default)`;
    else if (field.example !== undefined) control.placeholder = `e.g. ${field.example}`;
    const label = control.labels?.[0];
    if (label && field.required && !label.querySelector(".required")) {
      const marker = Object.assign(document.createElement("span"), {
        className: "required",
        textContent: "*",
      });
      marker.setAttribute("aria-hidden", "true");
      label.append(" ", marker);
    }
  }
}

/** The status check's field shows the client's default interval, which an empty field means. */
export function showPollDefault(form: HTMLFormElement) {
  const control = form.elements.namedItem("pollInterval");
  if (control instanceof HTMLInputElement)
    control.placeholder = `${DEFAULT_POLL_INTERVAL_MS / 1000} (the default)`;
}
