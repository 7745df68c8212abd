import type Database from 'better-sqlite3';

/**
 * What a search matches, defined once: names and what a person typed are cut into words the same
 * way, and a name matches when every typed word begins one of its words. The FTS index and the
 * SQL function below both read the stored search text, so the two search plans cannot disagree.
 */
const wordSeparators = /[^\p{L}\p{N}\p{M}\p{Co}]+/u;
const combiningDiacritics = /[\u0300-\u036f]/g;

/** More words than anyone types into a search box; bounds the work of a hostile input. */
export const maxSearchWords = 16;

/** NFKD before lowercasing: compatibility forms such as ℌ decompose to capitals. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(combiningDiacritics, '')
    .normalize('NFC')
    .split(wordSeparators)
    .filter((word) => word.length > 0);
}

/**
 * A name's words, folded and joined by single spaces: the catalogue's search_text column. No
 * word holds an ASCII character other than a letter or digit, so FTS5's ascii tokenizer cuts
 * this text into exactly these words.
 */
export function searchText(name: string): string {
  return wordsOf(name).join(' ');
}

/**
 * The words a search looks for, in the order typed; empty when nothing searchable is left. A
 * word that begins another typed word is dropped: whatever that one matches, it matches too.
 */
export function searchWords(input: string): string[] {
  const typed = [...new Set(wordsOf(input).slice(0, maxSearchWords))];
  return typed.filter((word) => !typed.some((other) => other !== word && other.startsWith(word)));
}

/** SQL name of the matcher: search_text_matches(search_text, words joined by spaces) → 0 or 1. */
export const searchMatcherName = 'search_text_matches';

/**
 * Registers the matcher on a connection. It runs once per row an index walk passes, so the
 * parsed words are kept between calls and each test is a plain substring search.
 */
export function registerSearchMatcher(db: Database.Database): void {
  let joined: string | null = null;
  let starts: string[] = [];
  let inner: string[] = [];
  db.function(searchMatcherName, { deterministic: true }, (text: unknown, words: unknown) => {
    if (typeof text !== 'string' || typeof words !== 'string') return 0;
    if (words !== joined) {
      joined = words;
      starts = words.split(' ').filter((word) => word.length > 0);
      inner = starts.map((word) => ` ${word}`);
    }
    for (let i = 0; i < starts.length; i += 1) {
      if (!text.startsWith(starts[i] as string) && !text.includes(inner[i] as string)) return 0;
    }
    return 1;
  });
}
