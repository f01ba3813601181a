// "Did you mean": the client's closest-match helper (the project's one edit distance), for flags
// and commands.
import { closestMatch } from "@notebook-image/client/app-helpers";

/** The known word closest to a mistyped one, when it is close enough to be a likely typo. */
export function suggest(typed: string, known: readonly string[]): string | undefined {
  return closestMatch(typed, known);
}
