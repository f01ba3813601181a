import type { Problem } from "./problem.js";
import { redactHeader } from "./redact.js";
import type { Style } from "./style.js";

/** The parts of a saved image the summary shows; the client's Image type has them all. */
export interface ImageSummary {
  id: string;
  name: string;
  tag?: string | undefined;
  status: string;
  swr_path?: string | undefined;
}

export function formatSummary(image: ImageSummary, style: Style): string {
  const ref = image.tag === undefined ? image.name : `${image.name}:${image.tag}`;
  const rows: [string, string][] = [
    ["image id", image.id],
    ["image", ref],
    ["status", image.status],
    ["SWR path", image.swr_path ?? "(not given by the API)"],
  ];
  return [
    style.green(`Saving ${style.bold(ref)} has started.`),
    ...rows.map(([label, value]) => `  ${style.dim(label.padEnd(9))} ${value}`),
    style.dim("The save goes on in the background: the image is ready when its status is ACTIVE."),
    "",
  ].join("\n");
}

export function formatProblems(problems: readonly Problem[], style: Style): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [
    `${style.red("error:")} ${count}; nothing was sent:`,
    ...problems.map((p) => `  ${style.bold(p.subject)}: ${p.message}`),
    style.dim("See 'notebook-image save --help'."),
    "",
  ].join("\n");
}

export interface ApiErrorView {
  status: number;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  requestId?: string | undefined;
  hint?: string | undefined;
}

export function formatApiError(error: ApiErrorView, style: Style): string {
  const code = error.errorCode === undefined ? "" : ` ${error.errorCode}`;
  const lines = [`${style.red("error:")} the API refused the save: HTTP ${error.status}${code}`];
  if (error.errorMsg !== undefined && error.errorMsg !== "") lines.push(`  ${error.errorMsg}`);
  if (error.hint !== undefined) lines.push(`  ${style.yellow("hint:")} ${error.hint}`);
  if (error.requestId !== undefined) lines.push(style.dim(`  request id: ${error.requestId}`));
  lines.push("");
  return lines.join("\n");
}

export function formatFailure(message: string, style: Style): string {
  return `${style.red("error:")} ${message}\n`;
}

/** A request as the dry run shows it: secrets already redacted. */
export interface RequestPreview {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export function previewOf(request: {
  method: string;
  url: string;
  headers: Iterable<[string, string]>;
  body: string;
}): RequestPreview {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = redactHeader(name, value);
  let body: unknown = request.body;
  try {
    body = JSON.parse(request.body);
  } catch {
    // Not JSON: show the text as it is.
  }
  return { method: request.method, url: request.url, headers, body };
}

export function formatPreview(preview: RequestPreview, style: Style): string {
  return [
    style.dim("Dry run: this request was checked and built, and not sent."),
    `${style.bold(preview.method)} ${preview.url}`,
    ...Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`),
    "",
    typeof preview.body === "string" ? preview.body : JSON.stringify(preview.body, null, 2),
    "",
  ].join("\n");
}
