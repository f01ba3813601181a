// A Kysely dialect for PGlite, so that the store has one query layer for the embedded database and
// for PostgreSQL (Kysely's own PostgresDialect). kysely-pglite-dialect exists but declares PGlite
// <= 0.4 as its peer; a dialect is small. PGlite is one Postgres backend, on a thread of its own
// (pglite-thread.ts): one connection at a time, so a transaction never sees another caller's
// statements in between.
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from "kysely";
import type { PGliteThread } from "./pglite-thread.js";

export class PGliteDialect implements Dialect {
  constructor(private readonly thread: PGliteThread) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.thread);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  /** Resolves when the connection is free; each acquirer chains onto it. */
  private queue: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | undefined;

  constructor(private readonly thread: PGliteThread) {
    this.connection = new PGliteConnection(thread);
  }

  async init(): Promise<void> {
    // PGliteThread.open answers once the database is ready.
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.releaseCurrent = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    // Waits for the statement in flight, then closes the database and ends its thread.
    await this.queue;
    await this.thread.close();
  }
}

const ROW_CHANGING_COMMANDS = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly thread: PGliteThread) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.thread.query<R>(compiledQuery.sql, compiledQuery.parameters);
    // As Kysely's PostgresDriver does: a row count only for the statements that change rows.
    return ROW_CHANGING_COMMANDS.has(result.command ?? "") && result.affectedRows !== undefined
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows: result.rows };
  }

  // biome-ignore lint/correctness/useYield: PGlite answers whole results; Kysely's stream() is not offered.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite dialect: streaming queries are not supported");
  }
}
