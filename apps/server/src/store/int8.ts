// PostgreSQL's int8 (bigint, count(*)) reaches JavaScript as a string from `pg` and as a number from
// PGlite. Both drivers are given this one parser, so every int8 the store reads is a number whatever
// the database, and a value that a number cannot hold exactly is an error rather than a silent
// rounding.

/** OID of PostgreSQL's int8 type. */
export const INT8_OID = 20;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside the range a JavaScript number holds exactly`);
  }
  return value;
}
