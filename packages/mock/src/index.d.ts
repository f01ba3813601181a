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

export interface MockServer {
  /** Base URL of the running mock, e.g. "http://127.0.0.1:41235" (no trailing slash). */
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

/** Path of the bundled spec that the mock serves by default (spec/dist/openapi.yaml). */
export function bundledSpecPath(): string;
