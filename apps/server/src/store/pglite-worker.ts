// The store's PGlite, on a thread of its own (node:worker_threads). PostgreSQL's WebAssembly and
// PGlite's JavaScript cost 1–1.6 ms of CPU per save; on the main thread they queued behind the HTTP
// work and it behind them, while the machine's other core idled. This thread owns the database: it
// makes the cluster, opens it, runs each statement the main thread sends, and closes it. Its other
// side, where the store sends statements from, is pglite-thread.ts; the messages are typed here.
import { openAsBlob, writeFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pgliteOptions } from "./pglite-options.js";
import { copyTemplate } from "./template-copy.js";

/** What database the thread opens. */
export type OpenOptions =
  | {
      /** A cluster directory on disk. */
      pgdata: string;
      /** A template cluster to copy to pgdata when pgdata does not exist yet (template-copy.ts). */
      template?: string | undefined;
      /** When neither pgdata nor a template exists: initdb's parameters (the template's build). */
      initDbStartParams?: string[] | undefined;
    }
  | {
      /** A database in memory, loaded from this tar of a cluster (PGlite's dumpDataDir). */
      tarball: string;
    };

/** The rows of a statement, and for those that change rows how many it changed. */
export interface StatementResult<R> {
  rows: R[];
  command: string | undefined;
  affectedRows: number | undefined;
}

export type Request =
  | { op: "open"; options: OpenOptions }
  | { op: "query"; sql: string; parameters: readonly unknown[] }
  | { op: "exec"; sql: string }
  | { op: "listen"; channel: string }
  /** Writes the cluster as a tar to this file (PGlite's dumpDataDir). */
  | { op: "dump"; file: string }
  | { op: "close" };

/**
 * An error as it crosses between threads. Node's structured clone keeps an Error's message and
 * stack but drops its own fields, and the store reads PGlite's (code, constraint, column: the
 * refusals of a duplicate depend on them), so they travel beside it.
 */
export interface ThreadError {
  name: string;
  message: string;
  stack: string | undefined;
  fields: Record<string, unknown>;
}

export type Reply =
  | { id: number; value: unknown }
  | { id: number; error: ThreadError }
  | { notification: { channel: string; payload: string } };

let pglite: PGlite | undefined;

function database(): PGlite {
  if (!pglite) throw new Error("PGlite thread: no database is open");
  return pglite;
}

async function open(options: OpenOptions): Promise<PGlite> {
  if ("tarball" in options) {
    return PGlite.create(pgliteOptions({ loadDataDir: await openAsBlob(options.tarball) }));
  }
  if (options.template !== undefined) copyTemplate(options.template, options.pgdata);
  const { initDbStartParams } = options;
  return PGlite.create(options.pgdata, pgliteOptions(initDbStartParams ? { initDbStartParams } : {}));
}

async function run(request: Request): Promise<unknown> {
  switch (request.op) {
    case "open":
      pglite = await open(request.options);
      return undefined;
    case "query": {
      const { rows, command, affectedRows } = await database().query(request.sql, [...request.parameters]);
      return { rows, command, affectedRows } satisfies StatementResult<unknown>;
    }
    case "exec":
      await database().exec(request.sql);
      return undefined;
    case "listen":
      // Posted as soon as PGlite hands it over, before the answer of the statement that sent it.
      await database().listen(request.channel, (payload) =>
        post({ notification: { channel: request.channel, payload } }),
      );
      return undefined;
    case "dump": {
      const tar = await database().dumpDataDir("none");
      writeFileSync(request.file, Buffer.from(await tar.arrayBuffer()));
      return undefined;
    }
    case "close":
      if (pglite && !pglite.closed) await pglite.close();
      return undefined;
  }
}

function post(reply: Reply): void {
  parentPort?.postMessage(reply);
}

function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) {
    return { name: "Error", message: String(error), stack: undefined, fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // What cannot be cloned (PGlite's query options hold its parsers, functions) stays behind.
    try {
      fields[key] = structuredClone(value);
    } catch {}
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

parentPort?.on("message", ({ id, request }: { id: number; request: Request }) => {
  run(request).then(
    (value) => {
      try {
        post({ id, value });
      } catch (error) {
        // A value that cannot be cloned is that request's failure, not the thread's.
        post({ id, error: threadError(error) });
      }
    },
    (error: unknown) => post({ id, error: threadError(error) }),
  );
});
