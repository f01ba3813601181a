// Reads the bundled spec that the docs are built from, so tests take field names, constraints,
// examples and code samples from it instead of typing them again. Operations, their schemas and
// examples are read by the spec's reader (describeDocument, followRef) and its testing helpers.

import { readFileSync } from "node:fs";
import { describeDocument, followRef } from "@notebook-image/spec/reader";
import { findOperation, jsonExample } from "@notebook-image/spec/testing";
import { withCodeSamples } from "../scripts/code-samples.mjs";
import { specJson } from "../scripts/paths.mjs";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export const spec = JSON.parse(readFileSync(specJson, "utf8")) as JsonObject;

const described = describeDocument(spec);
const createImage = described.operation("createImage");
export const operationPath: string = createImage.path;

/** Follows local `$ref`s (`#/components/...`) to an object of the spec (anything else is an error). */
export function deref(node: Json | undefined): JsonObject {
  const found = followRef(spec, node);
  if (!isObject(found)) throw new Error(`expected an object in the spec, got ${JSON.stringify(found)}`);
  return found;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const operation: JsonObject = createImage.definition;

/** The code samples the page shows for an operation: the bundled spec as the docs build weaves it. */
export function codeSamples(operationId = String(operation.operationId)): CodeSample[] {
  const woven = findOperation(withCodeSamples(spec), operationId).operation;
  const samples = woven["x-codeSamples"];
  if (!Array.isArray(samples)) throw new Error(`${operationId} has no x-codeSamples`);
  return samples.map((sample: JsonObject) => {
    const { lang, label, source } = sample;
    if (typeof lang !== "string" || typeof label !== "string" || typeof source !== "string") {
      throw new Error(`malformed x-codeSamples entry: ${JSON.stringify(sample)}`);
    }
    return { lang, label, source };
  });
}

/** The first named example of an operation's JSON response: what Prism answers by default. */
export function firstResponseExample(operationId: string, status: string): Json {
  return jsonExample(spec, operationId, { status }) ?? null;
}

/** The spec's example value of a parameter component, such as `ImageId`. */
export function parameterExample(component: string): string {
  return String(deref(deref(deref(spec.components).parameters)[component]).example);
}

export function jsonContent(holder: JsonObject): JsonObject {
  return deref(deref(deref(holder.content)["application/json"]));
}

/** create-image's JSON body schema, refs replaced by what they point at. */
export const requestSchema = createImage.body?.schema as JsonObject;

/** The JSON body schema of a create-image response, refs replaced by what they point at. */
export function responseSchema(status: string): JsonObject {
  const schema = createImage.responses[status]?.schema;
  if (!schema) throw new Error(`createImage has no JSON schema for its ${status} response`);
  return schema as JsonObject;
}

/** The value of a named example of a response, such as the 200's `SavedImage`. */
export function responseExample(status: string, name: string): Json {
  return jsonExample(spec, String(operation.operationId), { status, name }) ?? null;
}

export function responseExampleNames(status: string): string[] {
  return Object.keys(deref(jsonContent(deref(deref(operation.responses)[status])).examples));
}
