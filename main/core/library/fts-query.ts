/**
 * Turns what a person typed into an FTS5 query where every word is a quoted prefix term
 * (`alp lak` → `"alp"* "lak"*`), so quotes, `*`, `AND`, `NEAR`, `-` and brackets are only text.
 * Returns null when nothing searchable is left (the caller then lists without a search).
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
