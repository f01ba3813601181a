// The run's PostgreSQL server (started by postgres-global-setup.ts), as the test files use it.
import { createDatabase } from "@notebook-image/test-postgres";
import { inject } from "vitest";

/** A new empty database on the run's PostgreSQL server; resolves to its URL. */
export function postgresDatabase(): Promise<string> {
  return createDatabase(inject("postgresServerUrl"));
}
