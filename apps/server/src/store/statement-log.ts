// A Kysely dialect that tells of every statement it sends, transactions' begin and commit included:
// how tests count the statements a request costs (Django's assertNumQueries).
import type { CompiledQuery, DatabaseConnection, Dialect, Driver } from "kysely";

export function withStatementLog(dialect: Dialect, onStatement: (sql: string) => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => loggingDriver(dialect.createDriver(), onStatement),
  };
}

function loggingDriver(driver: Driver, onStatement: (sql: string) => void): Driver {
  // The driver releases its own connection object, not the one handed out.
  const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const unwrap = (connection: DatabaseConnection) => inner.get(connection) ?? connection;
  return {
    init: () => driver.init(),
    async acquireConnection() {
      const connection = await driver.acquireConnection();
      const logged: DatabaseConnection = {
        executeQuery<R>(query: CompiledQuery) {
          onStatement(query.sql);
          return connection.executeQuery<R>(query);
        },
        streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
          onStatement(query.sql);
          return connection.streamQuery<R>(query, chunkSize);
        },
      };
      inner.set(logged, connection);
      return logged;
    },
    // Given the logged connection, so that begin, commit and rollback are told of too.
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    releaseConnection: (connection) => driver.releaseConnection(unwrap(connection)),
    destroy: () => driver.destroy(),
  };
}
