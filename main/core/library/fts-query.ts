/**
 * An FTS5 query where every word is a quoted prefix term (`alp lak` → `"alp"* "lak"*`), so
 * quotes, `*`, `AND`, `NEAR`, `-` and brackets are only text.
 */
export function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
