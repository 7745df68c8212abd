import { searchWords } from './search-text';

/**
 * An FTS5 query where every word is a quoted prefix term (`alp lak` → `"alp"* "lak"*`), so
 * quotes, `*`, `AND`, `NEAR`, `-` and brackets are only text.
 */
export function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

/**
 * Turns what a person typed into that query, with the words of searchWords. Returns null when
 * nothing searchable is left (the caller then lists without a search).
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = searchWords(input);
  return words.length === 0 ? null : ftsQuery(words);
}
