// vitest's globalSetup (vitest.config.ts): one PostgreSQL server for the whole run, started before
// the first file and stopped after the last. The files that need PostgreSQL make databases of their
// own on it (postgresDatabase() in ./postgres.ts), so none sees another's rows. A server (initdb
// included) costs about 2.5 CPU-seconds to start: six files used to start one each.
import { startPostgres } from "@notebook-image/test-postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's PostgreSQL server: the URL of its `postgres` database, as the superuser. */
    postgresServerUrl: string;
  }
}

export default async function startRunPostgres(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  project.provide("postgresServerUrl", postgres.url);
  return () => postgres.close();
}
