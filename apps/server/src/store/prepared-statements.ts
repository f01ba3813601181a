// PostgreSQL parses, analyses and plans every statement sent unnamed, each time. The save path sends
// the same few statements over and over (their values in JSON or array parameters, so that their
// text is the same for one save or a group), and that work was a fifth of what PostgreSQL spent per
// save: ~120 of ~570 µs of CPU (log_parser/planner/executor_stats, groups of 16 saves, 40,000
// notebooks). Sent as pg's named statements, each text is parsed once per connection and planned
// once it has a plan worth keeping: ~5 µs. Only statements with parameters are named (the others go
// by the simple protocol as before, which also takes several commands in one text).
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/** Texts named at most; any beyond go unnamed (a bound on what each connection keeps prepared). */
const MAX_NAMED = 200;

/** SQLSTATE of "cached plan must not change result type": a table's columns changed since it was prepared. */
const FEATURE_NOT_SUPPORTED = "0A000";

export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  // Texts whose prepared form PostgreSQL refused once (another server's migration changed a table
  // they read): sent unnamed from then on.
  const refused = new Set<string>();
  const nameOf = (text: string): string | undefined => {
    if (refused.has(text)) return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED) {
      name = `notebook_image_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      const query = async (text: string, parameters: readonly unknown[]) => {
        const values = [...parameters];
        const name = values.length > 0 ? nameOf(text) : undefined;
        if (name === undefined) return client.query(text, values);
        try {
          return await client.query({ name, text, values });
        } catch (error) {
          // Refused before it ran (at bind), so sending it again unnamed does it once (inside a
          // transaction the refusal ended it: that transaction fails, once).
          if ((error as { code?: unknown }).code !== FEATURE_NOT_SUPPORTED) throw error;
          refused.add(text);
          return client.query(text, values);
        }
      };
      return {
        // Kysely hands a cursor only to stream a result, which the store never does.
        query: query as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
