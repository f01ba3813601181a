// The main thread's side of the store's PGlite thread (pglite-worker.ts): starts the thread, sends it
// each request and answers with its reply. Everything of the server that reaches PGlite goes through
// here: the Kysely dialect (pglite-dialect.ts), the notices, the template's build.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { OpenOptions, Reply, Request, StatementResult, ThreadError } from "./pglite-worker.js";

export type { OpenOptions, StatementResult } from "./pglite-worker.js";

/**
 * The thread's script. A worker thread runs plain JavaScript: from the sources (the tests run them
 * through vitest) the build's script is used, which the test task builds first.
 */
function workerScript(): URL {
  const fromBuild = import.meta.url.endsWith(".js");
  const script = new URL(
    fromBuild ? "./pglite-worker.js" : "../../dist/store/pglite-worker.js",
    import.meta.url,
  );
  if (!existsSync(script)) {
    throw new Error(
      `PGlite thread: ${fileURLToPath(script)} is missing; build the server first (pnpm --filter @notebook-image/server build)`,
    );
  }
  return script;
}

/** An error from the thread as the caller gets it: PGlite's fields (code, constraint…) on it. */
function fromThread({ name, message, stack, fields }: ThreadError): Error {
  const error = Object.assign(new Error(message), fields);
  error.name = name;
  if (stack !== undefined) error.stack = stack;
  return error;
}

export class PGliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #listeners = new Map<string, Set<(payload: string) => void>>();
  #nextId = 0;
  /** Why requests are refused from now on: the database was closed, or the thread died. */
  #ended: Error | undefined;

  /**
   * Starts a thread and opens the database in it; the thread ends again if that fails. `script`:
   * the thread's script (tests give one that wraps it, to make it die).
   */
  static async open(options: OpenOptions, script: URL = workerScript()): Promise<PGliteThread> {
    const thread = new PGliteThread(script);
    try {
      await thread.#request({ op: "open", options });
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    return thread;
  }

  private constructor(script: URL) {
    this.#worker = new Worker(script);
    // Idle, the thread does not keep the process alive (PGlite on the main thread did not either);
    // it does while a request waits for its reply.
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply) => this.#receive(reply));
    this.#worker.on("error", (error) =>
      this.#end(new Error(`the store's PGlite thread failed: ${error.message}`, { cause: error })),
    );
    this.#worker.on("exit", (code) =>
      this.#end(new Error(`the store's PGlite thread exited (code ${code})`)),
    );
  }

  get closed(): boolean {
    return this.#ended !== undefined;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<StatementResult<R>> {
    return this.#request({ op: "query", sql, parameters }) as Promise<StatementResult<R>>;
  }

  async exec(sql: string): Promise<void> {
    await this.#request({ op: "exec", sql });
  }

  /** Calls `listener` with each notification on `channel` (LISTEN); answers a function that stops that. */
  async listen(channel: string, listener: (payload: string) => void): Promise<() => void> {
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      await this.#request({ op: "listen", channel });
    }
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  /** Writes the database as a tar (PGlite's dumpDataDir) to `file`. */
  async dumpDataDir(file: string): Promise<void> {
    await this.#request({ op: "dump", file });
  }

  /** Closes the database (PGlite's shutdown checkpoint), then ends the thread. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#ended) return;
    try {
      await this.#request({ op: "close" });
    } finally {
      this.#end(new Error("the store's PGlite database is closed"));
      await this.#worker.terminate();
    }
  }

  #request(request: Request): Promise<unknown> {
    if (this.#ended) return Promise.reject(this.#ended);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // A parameter that cannot be cloned (a function) throws here: that request's failure.
      this.#worker.postMessage({ id, request });
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
    });
  }

  #receive(reply: Reply): void {
    if ("notification" in reply) {
      const { channel, payload } = reply.notification;
      for (const listener of this.#listeners.get(channel) ?? []) listener(payload);
      return;
    }
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    if ("error" in reply) waiting.reject(fromThread(reply.error));
    else waiting.resolve(reply.value);
  }

  /** From now on every request is refused with `reason`; those waiting are refused with it now. */
  #end(reason: Error): void {
    this.#ended ??= reason;
    for (const { reject } of this.#waiting.values()) reject(this.#ended);
    this.#waiting.clear();
  }
}
