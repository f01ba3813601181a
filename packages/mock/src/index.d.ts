export interface MockOptions {
  /** Port to listen on. Default 0: a free port, chosen when the mock starts (see `MockServer.port`). */
  port?: number | undefined;
  /** Host to listen on. Default "127.0.0.1". */
  host?: string | undefined;
  /**
   * Prism's `--errors`: a request that violates the spec gets an error response instead of a
   * mocked success (a response that violates it, a 500). Default false.
   */
  errors?: boolean | undefined;
  /** Prism's `--dynamic`: bodies generated from the schemas instead of the spec's examples. Default false. */
  dynamic?: boolean | undefined;
  /** OpenAPI document to serve. Default: the bundled spec, `@notebook-image/spec/openapi.yaml`. */
  spec?: string | undefined;
  /**
   * Serve the document in place and reload it whenever it changes (Prism's watcher), as `pnpm dev`
   * wants. Default false: the mock serves a private copy taken at start, so a spec build that
   * rewrites spec/dist meanwhile cannot restart it under running tests. The copy is taken of that
   * one file, so without `watch` the document must be self-contained (the bundled spec is).
   */
  watch?: boolean | undefined;
  /** Receives every line Prism prints (its request log). Default: the output is read and dropped. */
  log?: ((line: string) => void) | undefined;
}

export interface ProxyOptions {
  /**
   * The server Prism forwards every request to, e.g. "http://127.0.0.1:4020" (an absolute http or
   * https URL; a path prefix is kept, request paths are appended to it).
   */
  upstream: string;
  /** Port to listen on. Default 0: a free port, chosen when the proxy starts (see `MockServer.port`). */
  port?: number | undefined;
  /** Host to listen on. Default "127.0.0.1". */
  host?: string | undefined;
  /**
   * Prism's `--errors`. Default **true** (unlike `startMock`): an upstream response that violates
   * the spec (status not declared, body or headers off the schema) is replaced by Prism's 500
   * `application/problem+json` naming the violations, so a test of the upstream fails loudly.
   */
  errors?: boolean | undefined;
  /**
   * Prism's `--validate-request`. Default true: a request that violates the spec never reaches the
   * upstream; Prism answers it itself with its own `application/problem+json` (422 naming each
   * violation in `validation`, or 401 for missing credentials; not the spec's 400 example, as the
   * mock would). False forwards it as it is, to test the upstream's own refusals.
   */
  validateRequest?: boolean | undefined;
  /** OpenAPI document to validate against. Default: the bundled spec. */
  spec?: string | undefined;
  /** As in `MockOptions`: validate against the document in place, reloading it when it changes. */
  watch?: boolean | undefined;
  /** Receives every line Prism prints (its request log, the violations it found). */
  log?: ((line: string) => void) | undefined;
}

export interface MockServer {
  /** Base URL of the running mock or proxy, e.g. "http://127.0.0.1:41235" (no trailing slash). */
  url: string;
  /** The port the mock listens on. */
  port: number;
  /** Process id of Prism, which leads its own process group. */
  pid: number;
  /** Settles when the Prism process has ended, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops Prism and every process it started; resolves once they are gone. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a Prism mock of the create-image API. Resolves once Prism is listening; rejects with
 * Prism's own message when it cannot start (invalid spec, port in use). The mock does not keep the
 * calling process alive, and is killed when that process exits.
 */
export function startMock(options?: MockOptions): Promise<MockServer>;

/**
 * Starts Prism as a validating proxy (`prism proxy <spec> <upstream> --errors`) in front of
 * `upstream`, with the same lifecycle as `startMock`: a free port by default, resolves once Prism
 * listens, rejects with Prism's own message, killed with the calling process. Rejects with a
 * TypeError, before starting anything, when `upstream` is not an http(s) URL.
 */
export function startProxy(options: ProxyOptions): Promise<MockServer>;

/** Path of the bundled spec that the mock serves by default (spec/dist/openapi.yaml). */
export function bundledSpecPath(): string;
