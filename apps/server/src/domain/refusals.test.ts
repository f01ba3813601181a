// The server's refusals against the spec's x-error-codes (spec/error-codes.yaml: the ModelArts
// document's and IAM's, the token call's), which they are generated from: each generated refusal answers with its code's first status and its message filled
// in, and every refusal the domain makes, for every notebook status the spec knows, is a code the
// spec lists, with its status and one of its messages.
import { readBundledDocument } from "@notebook-image/spec/reader";
import { loadBundledSpec } from "@notebook-image/spec/testing";
import { describe, expect, it } from "vitest";
import * as generated from "../generated/refusals.js";
import type { DomainError, Refusal } from "./domain-error.js";
import * as refusals from "./refusals.js";
import type { NotebookRecord, NotebookStatus } from "./store-port.js";

interface SpecCode {
  statuses: number[];
  messages?: Record<string, string>;
}
const spec = loadBundledSpec();
/** Both documents' codes; one they share (the gateway's APIGW.0301) is the ModelArts document's. */
const codes: Record<string, SpecCode> = {
  ...readBundledDocument("iam-openapi")["x-error-codes"].codes,
  ...spec["x-error-codes"].codes,
};
const notebookStatuses: NotebookStatus[] = spec.components.schemas.NotebookStatus.enum;

/** The message with each `{name}` replaced by `<name>`: what the spec says the server answers. */
const filled = (message: string) => message.replace(/\{(\w+)\}/g, (_, name) => `<${name}>`);

/** Whether the message is one of the code's messages in the spec, whatever was filled in. */
function isSpecMessage(code: string, message: string): boolean {
  return Object.values(codes[code]?.messages ?? {}).some((template) => {
    const pattern = template
      .split(/\{\w+\}/)
      .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+");
    return new RegExp(`^${pattern}$`).test(message);
  });
}

/** What an error body says of a refusal: its code, status and message. */
const asAnswered = (error: DomainError | Refusal) => ({
  code: error.code,
  httpStatus: error.httpStatus,
  message: error.message,
});

const notebook = (status: NotebookStatus): NotebookRecord =>
  ({ id: "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b", status }) as NotebookRecord;

describe("the server's refusals", () => {
  it("are generated from every message of the spec: its code, its first status, its words filled in", () => {
    const messages = Object.entries(codes).flatMap(([code, { statuses, messages = {} }]) =>
      Object.entries(messages).map(([name, message]) => ({ code, status: statuses[0], name, message })),
    );
    expect(messages.length).toBeGreaterThan(10);
    for (const { code, status, name, message } of messages) {
      const make = (generated as unknown as Record<string, (values: object) => Refusal>)[name];
      expect(make, name).toBeTypeOf("function");
      const names = [...message.matchAll(/\{(\w+)\}/g)].map(([, key]) => key as string);
      const values = Object.fromEntries(names.map((key) => [key, `<${key}>`]));
      expect(make?.(values), name).toEqual({ code, httpStatus: status, message: filled(message) });
    }
  });

  it("list every code of the spec and no other", () => {
    expect([...generated.ERROR_CODES].sort()).toEqual(Object.keys(codes).sort());
  });

  it("are, for every notebook status the spec knows, a code, status and message of the spec", () => {
    const made = [
      ...notebookStatuses.flatMap((status) => [
        refusals.refusalForStatus(notebook(status)),
        ...(["start", "stop", "delete"] as const).map((action) =>
          refusals.refusalForAction(notebook(status), action),
        ),
      ]),
      refusals.notebookNotFound("n"),
      refusals.imageNotFound("i"),
      refusals.saveJobExists("n"),
      refusals.imageExists({ namespace: "ns", name: "name", tag: "tag" }),
      refusals.notebookChanged("n"),
      refusals.organizationMissing("ns"),
      refusals.imageBeingSaved("i"),
      refusals.invalidParameter("name", "too long"),
      refusals.builtInImageProtected("i"),
      refusals.imageNotActive("i", "CREATING"),
    ].filter((refusal) => refusal !== undefined);
    expect(notebookStatuses.length).toBeGreaterThan(8);
    expect(made.length).toBeGreaterThan(30);
    for (const refusal of made.map(asAnswered)) {
      expect(Object.keys(codes), refusal.message).toContain(refusal.code);
      expect(refusal.httpStatus, refusal.message).toBe(codes[refusal.code]?.statuses[0]);
      expect(isSpecMessage(refusal.code, refusal.message), `${refusal.code}: ${refusal.message}`).toBe(true);
    }
  });

  it("fill in what the request named, each value in its place", () => {
    const fill = (template: string | undefined, values: Record<string, string>) =>
      template?.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
    const target = { namespace: "team", name: "torch", tag: "v1" };
    expect(refusals.imageExists(target).message).toBe(
      fill(codes[refusals.imageExists(target).code]?.messages?.imageExists, target),
    );
    const stopped = refusals.refusalForStatus(notebook("STOPPED"));
    expect(stopped).toBeDefined();
    expect(stopped?.message).toBe(
      fill(codes[stopped?.code ?? ""]?.messages?.notebookStopped, { id: notebook("STOPPED").id }),
    );
    const failed = refusals.refusalForAction(notebook("START_FAILED"), "stop");
    expect(failed).toBeDefined();
    expect(failed?.message).toBe(
      fill(codes[failed?.code ?? ""]?.messages?.notebookNotRunning, {
        id: notebook("START_FAILED").id,
        status: "START_FAILED",
      }),
    );
  });
});
