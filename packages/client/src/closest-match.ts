// "Did you mean …?": the one edit-distance helper of the project. The client uses it for unknown
// body fields; the CLI reuses it (the app-helpers subpath) for mistyped flags.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and a swap of two
 * neighbours, each one edit ("nmae" is 1 from "name").
 */
export function editDistance(a: string, b: string): number {
  // Three rows are enough: the swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      row[j] = best;
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `word`, when it is at most `maxDistance` edits away (default: 2, or a
 * third of the word's length for long words); ties go to the first candidate.
 */
export function closestMatch(
  word: string,
  candidates: readonly string[],
  maxDistance = Math.max(2, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
