// Who voiced a signing speaker's turn (queue rules Q18-Q21), as the record keeps it: every
// interpreter who voiced any part of the turn, in order, kept in the turn's one `voiced_by` column
// (migration 0015) as a JSON array of names. A row written before the list was kept holds one plain
// name, and is read as that one name.

/** The names of who voiced the turn, in order, from the stored column. */
export function voicesOf(stored: string | null | undefined): string[] {
  if (!stored) return [];
  if (stored.startsWith('[')) {
    try {
      const names: unknown = JSON.parse(stored);
      if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names;
    } catch {
      // A plain name that happens to start with "[": read as the one name below.
    }
  }
  return [stored];
}

/** The column's value once `name` voices the turn: added after the others, unless they voice it already. */
export function withVoice(stored: string | null | undefined, name: string | null): string | null {
  const names = voicesOf(stored);
  if (name !== null && names.at(-1) !== name) names.push(name);
  return names.length > 0 ? JSON.stringify(names) : null;
}

/** How the record says it: "Ana Ruiz", "Ana Ruiz, then Ben Okafor". */
export function voicedWords(names: readonly string[]): string {
  return names.join(', then ');
}
