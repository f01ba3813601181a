/**
 * Whether a database error is a unique_violation (SQLSTATE 23505) of the named index. `pg` and PGlite
 * both report the SQLSTATE as `code` and the index as `constraint`.
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === index;
}

/** Whether a database error is a not_null_violation (SQLSTATE 23502) of the named column. */
export function isNotNullViolation(error: unknown, column: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, column: violated } = error as { code?: unknown; column?: unknown };
  return code === "23502" && violated === column;
}
