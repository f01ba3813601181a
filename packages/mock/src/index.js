// startMock() and startProxy(): the Prism CLI on the bundled spec, in a child process, as a mock
// (answers from the spec's examples) or as a validating proxy in front of a real server.
import { createRequire } from "node:module";
import { startPrism } from "./prism-process.js";

const require = createRequire(import.meta.url);

/** @typedef {import("./index.js").MockOptions} MockOptions */
/** @typedef {import("./index.js").ProxyOptions} ProxyOptions */
/** @typedef {import("./index.js").MockServer} MockServer */

/**
 * Path of the bundled spec (spec/dist/openapi.yaml), resolved through the @notebook-image/spec package.
 * @returns {string}
 */
export function bundledSpecPath() {
  try {
    return require.resolve("@notebook-image/spec/openapi.yaml");
  } catch {
    throw new Error(
      "spec/dist/openapi.yaml does not exist yet: build the spec first (pnpm --filter @notebook-image/spec build)",
    );
  }
}

/**
 * @param {MockOptions} [options]
 * @returns {Promise<MockServer>}
 */
export function startMock(options = {}) {
  return startPrism({
    role: "mock",
    command: (spec) => [
      "mock",
      spec,
      ...(options.errors ? ["--errors"] : []),
      ...(options.dynamic ? ["--dynamic"] : []),
    ],
    spec: options.spec ?? bundledSpecPath(),
    host: options.host,
    port: options.port,
    watch: options.watch,
    log: options.log,
  });
}

/**
 * @param {ProxyOptions} options
 * @returns {Promise<MockServer>}
 */
export async function startProxy(options) {
  const upstream = upstreamUrl(options?.upstream);
  return startPrism({
    role: "proxy",
    command: (spec) => [
      "proxy",
      spec,
      upstream,
      // The point of validating through Prism is that a response breaking the spec fails loudly.
      ...(options.errors === false ? [] : ["--errors"]),
      ...(options.validateRequest === false ? ["--validate-request=false"] : []),
    ],
    spec: options.spec ?? bundledSpecPath(),
    host: options.host,
    port: options.port,
    watch: options.watch,
    log: options.log,
  });
}

/**
 * The upstream as Prism wants it: an absolute http(s) URL without a trailing slash (Prism joins the
 * request path to it).
 * @param {unknown} value
 * @returns {string}
 */
function upstreamUrl(value) {
  let url;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (typeof value !== "string" || !url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(
      `startProxy: upstream must be an absolute http:// or https:// URL, such as "http://127.0.0.1:4020"; got ${JSON.stringify(value)}`,
    );
  }
  return value.replace(/\/+$/, "");
}
