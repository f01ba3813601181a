export interface PostgresOptions {
  /** Receives every line the server prints. Default: read and dropped. */
  log?: ((line: string) => void) | undefined;
  /** PostgreSQL's max_connections. Default 200. */
  maxConnections?: number | undefined;
}

export interface PostgresServer {
  /** Connection URL of the `postgres` database as the superuser, e.g. "postgres://postgres@127.0.0.1:41235/postgres". */
  url: string;
  port: number;
  /** Creates an empty database (a generated name unless given) and resolves to its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and removes its directory; resolves once both are done. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server: Debian's postgresql (newest in /usr/lib/postgresql, or
 * $PG_BIN) initialised in a temporary directory, listening on 127.0.0.1 on a free port, run as the
 * `postgres` user when this process is root (PostgreSQL refuses root). Resolves once it accepts
 * connections. The server is stopped and its directory removed on close(), or when this process
 * ends however it ends. Rejects with a clear message when PostgreSQL is not installed.
 */
export function startPostgres(options?: PostgresOptions): Promise<PostgresServer>;

/**
 * Creates an empty database (a generated name unless given) on the server at `serverUrl` (a
 * startPostgres() server's url, started in another process: a vitest globalSetup's, say) and
 * resolves to its URL; the same as that server's own createDatabase().
 */
export function createDatabase(serverUrl: string, name?: string): Promise<string>;

/** The directory holding Debian's postgres and initdb (or $PG_BIN); throws saying how to install them. */
export function postgresBinDir(): string;
