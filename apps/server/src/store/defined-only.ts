/**
 * The entries of a patch that are set. A patch leaves out what it does not change, and an update
 * must not turn those columns into NULL; null itself is a value to store.
 */
export function definedOnly<T extends Record<string, unknown>>(
  patch: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
