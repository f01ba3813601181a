import { CREATE_IMAGE_FIELDS } from "@notebook-image/client";

/** Everything the form holds, as the client wants it. */
export interface FormValues {
  instanceId: string;
  /** The body fields the form has controls for, as typed: the client's validator judges them. */
  body: Record<string, string>;
  projectId: string;
  endpoint: string;
  token: string;
  headers: Record<string, string>;
  /** Lines of the extra-headers box that are not `Name: value`, numbered from 1. */
  badHeaderLines: number[];
  /** How often the page checks the saved image's status. */
  follow: { pollIntervalMs?: number };
  /** The status check interval as typed, when it is not a positive number of seconds. */
  badPollInterval?: string;
}

/**
 * Reads the form. Empty optional fields are left out of the body rather than sent as "", so that
 * the API applies its defaults (the default workspace) and the validator says "is required" for
 * an empty required field.
 */
export function readForm(form: HTMLFormElement): FormValues {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  const body: Record<string, string> = {};
  // The spec's body fields, read from the controls named after them (the page shows some of them).
  for (const field of CREATE_IMAGE_FIELDS) {
    if (!data.has(field.name)) continue;
    // Surrounding spaces are never meant in a value with a pattern (an identifier); free text keeps them.
    const value = field.pattern === undefined ? text(field.name) : text(field.name).trim();
    if (value !== "") body[field.name] = value;
  }
  const { headers, badLines } = parseHeaderLines(text("extraHeaders"));
  const interval = text("pollInterval").trim();
  const seconds = Number(interval);
  const pollOk = interval === "" || (Number.isFinite(seconds) && seconds > 0);
  return {
    follow: interval !== "" && pollOk ? { pollIntervalMs: Math.max(1, Math.round(seconds * 1000)) } : {},
    ...(pollOk ? {} : { badPollInterval: interval }),
    instanceId: text("instanceId").trim(),
    body,
    projectId: text("projectId").trim(),
    endpoint: text("endpoint").trim(),
    token: text("token").trim(),
    headers,
    badHeaderLines: badLines,
  };
}

/** `Name: value` per line; blank lines are skipped; a repeated name is joined with ", ". */
export function parseHeaderLines(text: string): { headers: Record<string, string>; badLines: number[] } {
  const headers: Record<string, string> = {};
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim();
    if (colon <= 0 || name === "") {
      badLines.push(index + 1);
      return;
    }
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  });
  return { headers, badLines };
}
