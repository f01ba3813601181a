import type { PreparedRequest } from "./dry-run.js";
import { defaultType, otherTypes } from "./image-types.js";
import type { Problem } from "./problem.js";
import { redactHeader } from "./redact.js";
import type { Style } from "./style.js";
import { printable } from "./terminal-text.js";

/** The parts of an image the CLI shows; the client's Image type has them all. */
export interface ImageSummary {
  id: string;
  name: string;
  tag?: string | undefined;
  status: string;
  status_message?: string | undefined;
  swr_path?: string | undefined;
  namespace?: string | undefined;
  type?: string | undefined;
  size?: number | undefined;
  create_at?: number | undefined;
  update_at?: number | undefined;
}

const refOf = (image: { name: string; tag?: string | undefined }) =>
  image.tag === undefined ? image.name : `${image.name}:${image.tag}`;

function rows(pairs: [string, string | undefined][], style: Style): string[] {
  const shown = pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== "");
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `  ${style.dim(label.padEnd(width))}  ${value}`);
}

/** The image's fields that matter to a user, under a title. */
export function formatImage(image: ImageSummary, style: Style, title: string): string {
  return [
    style.green(title.replace(refOf(image), style.bold(refOf(image)))),
    ...rows(
      [
        ["image id", image.id],
        ["image", refOf(image)],
        ["status", image.status],
        ["message", image.status_message],
        ["SWR path", image.swr_path ?? "(not given by the API)"],
        ["type", image.type],
        // The spec documents KB, and an example only makes sense in bytes: show the number as is.
        ["size", image.size === undefined ? undefined : String(image.size)],
        ["created", dateOf(image.create_at)],
        ["updated", dateOf(image.update_at)],
      ],
      style,
    ),
    "",
  ].join("\n");
}

/** After a save without --wait: what was started, and how to follow it. */
export function formatSummary(image: ImageSummary, style: Style, resume: string): string {
  return [
    formatImage(image, style, `Saving ${refOf(image)} has started.`).trimEnd(),
    style.dim("The save goes on in the background; follow it to the end with:"),
    `  ${resume}`,
    "",
  ].join("\n");
}

/**
 * A readable table of images: one line each, columns sized to their content. `type` is the type
 * listed (the API lists one at a time), said in the count, and in an empty result with how to list
 * the others.
 */
export function formatImageTable(
  images: readonly ImageSummary[],
  style: Style,
  type: string | undefined,
  total?: number,
): string {
  const kind = type === undefined ? "" : `${type} `;
  if (images.length === 0) {
    const others = otherTypes(type).map((t) => `--type ${t}`);
    const why =
      type !== undefined && type === defaultType
        ? ` (without --type, the API lists ${type} images; images saved from a notebook are DEDICATED)`
        : "";
    const hint = others.length === 0 ? "" : `; list the others with ${others.join(" or ")}`;
    return `${style.dim(`No ${kind}images match${hint}${why}.`)}\n`;
  }
  const header = ["IMAGE ID", "NAME:TAG", "STATUS", "TYPE", "CREATED"];
  const body = images.map((i) => [i.id, refOf(i), i.status, i.type ?? "", dateOf(i.create_at) ?? ""]);
  const count =
    total !== undefined && total > images.length
      ? `${images.length} of ${total} ${kind}images (--offset and --limit page through them)`
      : `${images.length} ${kind}image${images.length === 1 ? "" : "s"}`;
  return [...table(header, body, style), style.dim(count), ""].join("\n");
}

/** A notebook instance: its state, and the image it runs. */
export function formatNotebook(
  notebook: {
    id: string;
    name?: string | undefined;
    status?: string | undefined;
    flavor?: unknown;
    image?: {
      id?: string | undefined;
      name?: string | undefined;
      tag?: string | undefined;
      swr_path?: string | undefined;
    };
    url?: unknown;
    fail_reason?: unknown;
  },
  style: Style,
  title = `Notebook ${notebook.name ?? notebook.id}`,
): string {
  const image = notebook.image;
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return [
    style.bold(title),
    ...rows(
      [
        ["id", notebook.id],
        ["status", notebook.status],
        ["fail reason", text(notebook.fail_reason)],
        ["flavor", text(notebook.flavor)],
        ["url", text(notebook.url)],
        ["image id", image?.id],
        ["image", image?.name === undefined ? undefined : refOf({ name: image.name, tag: image.tag })],
        ["image SWR path", image?.swr_path],
      ],
      style,
    ),
    "",
  ].join("\n");
}

/**
 * A notebook instance's lease after RenewLease: when it may run until (create_at + duration, as
 * the API counts it), and how it stops.
 */
export function formatLease(
  notebookId: string,
  lease: { create_at?: number; duration?: number; type?: string; enable?: boolean },
  style: Style,
): string {
  const until =
    lease.create_at === undefined || lease.duration === undefined
      ? undefined
      : new Date(lease.create_at + lease.duration).toISOString();
  return [
    style.bold(`The lease of notebook ${notebookId} was renewed`),
    ...rows(
      [
        ["runs until", until],
        ["stop", lease.type],
        ["automatic stop", lease.enable === undefined ? undefined : lease.enable ? "on" : "off"],
      ],
      style,
    ),
    "",
  ].join("\n");
}

/** The parts of a notebook instance its list shows; the client's Notebook type has them all. */
export interface NotebookSummary {
  id: string;
  name?: string | undefined;
  status: string;
  flavor?: string | undefined;
  image?: { name?: string | undefined; tag?: string | undefined } | undefined;
  create_at?: number | undefined;
}

/** A readable table of notebook instances, one line each, columns sized to what is shown. */
export function formatNotebookTable(
  notebooks: readonly NotebookSummary[],
  style: Style,
  total?: number,
): string {
  if (notebooks.length === 0) return `${style.dim("No notebook instances match.")}\n`;
  const header = ["INSTANCE ID", "NAME", "STATUS", "FLAVOR", "IMAGE", "CREATED"];
  const body = notebooks.map((n) => [
    n.id,
    n.name ?? "",
    n.status,
    n.flavor ?? "",
    n.image?.name === undefined ? "" : refOf({ name: n.image.name, tag: n.image.tag }),
    dateOf(n.create_at) ?? "",
  ]);
  const count =
    total !== undefined && total > notebooks.length
      ? `${notebooks.length} of ${total} instances (--offset and --limit page through them)`
      : `${notebooks.length} instance${notebooks.length === 1 ? "" : "s"}`;
  return [...table(header, body, style), style.dim(count), ""].join("\n");
}

/**
 * A header and rows in columns as wide as their widest cell as it will be shown: a control
 * character from the API is shown as an escape (`\x1b`), which takes more room than one character.
 */
function table(header: string[], body: string[][], style: Style): string[] {
  const width = (cell: string) => printable(cell).length;
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => width(r[c] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell + " ".repeat((widths[c] ?? 0) - width(cell))))
      .join("  ")
      .trimEnd();
  return [style.bold(line(header)), ...body.map(line)];
}

/** Epoch milliseconds as an ISO date, to the second. */
function dateOf(ms: number | undefined): string | undefined {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function formatProblems(problems: readonly Problem[], style: Style, command = "save"): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [
    `${style.red("error:")} ${count}; nothing was sent:`,
    ...problems.map((p) => `  ${style.bold(p.subject)}: ${p.message}`),
    style.dim(`See 'notebook-image${command === "" ? "" : ` ${command}`} --help'.`),
    "",
  ].join("\n");
}

export interface ApiErrorView {
  /** What was refused: "the save", "reading the image". */
  what: string;
  status: number;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  requestId?: string | undefined;
  hint?: string | undefined;
}

export function formatApiError(error: ApiErrorView, style: Style): string {
  const code = error.errorCode === undefined ? "" : ` ${error.errorCode}`;
  const lines = [`${style.red("error:")} the API refused ${error.what}: HTTP ${error.status}${code}`];
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
  /** With AK/SK, or without credentials: what the signature covers. */
  signed?: { signedHeaders: string; canonicalRequest: string; stringToSign: string };
  /** Without credentials: placeholders stand in for them. */
  placeholders?: true;
}

export function previewOf(request: PreparedRequest, placeholders: boolean): RequestPreview {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = redactHeader(name, value);
  let body: unknown = request.body;
  try {
    body = request.body === undefined ? undefined : JSON.parse(request.body);
  } catch {
    // Not JSON: show the text as it is.
  }
  const { signing } = request;
  return {
    method: request.method,
    url: request.url,
    headers,
    body,
    ...(signing === undefined
      ? {}
      : {
          signed: {
            signedHeaders: signing.signedHeaders,
            canonicalRequest: signing.canonicalRequest,
            stringToSign: signing.stringToSign,
          },
        }),
    ...(placeholders ? { placeholders: true as const } : {}),
  };
}

export function formatPreview(preview: RequestPreview, style: Style): string {
  const lines = [
    style.dim(
      preview.placeholders
        ? "Dry run without credentials: <access-key> and <signature> stand in for them; nothing was sent."
        : "Dry run: this request was checked and built, and not sent.",
    ),
    `${style.bold(preview.method)} ${preview.url}`,
    ...Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`),
  ];
  if (preview.body !== undefined) {
    lines.push("", typeof preview.body === "string" ? preview.body : JSON.stringify(preview.body, null, 2));
  }
  if (preview.signed !== undefined) {
    lines.push(
      "",
      style.dim(
        `Signed (SDK-HMAC-SHA256) over the headers ${preview.signed.signedHeaders.replaceAll(";", ", ")}:`,
      ),
      style.dim("canonical request:"),
      preview.signed.canonicalRequest,
      style.dim("string to sign:"),
      preview.signed.stringToSign,
    );
  }
  lines.push("");
  return lines.join("\n");
}
