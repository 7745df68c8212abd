import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../main/core/library/fts-query';
import { searchWords } from '../../main/core/library/search-text';

/** What listCatalogue asks FTS for a typed search; null when no word is left. */
function ftsPrefixQuery(input: string): string | null {
  const words = searchWords(input);
  return words.length === 0 ? null : ftsQuery(words);
}

describe('ftsPrefixQuery', () => {
  it('makes every folded word a quoted prefix term', () => {
    expect(ftsPrefixQuery('alp')).toBe('"alp"*');
    expect(ftsPrefixQuery('  Alpine   la ')).toBe('"alpine"* "la"*');
    expect(ftsPrefixQuery('Zürich')).toBe('"zurich"*');
    expect(ftsPrefixQuery('Москва')).toBe('"москва"*');
  });

  it('drops operators and punctuation to plain words, or to nothing', () => {
    expect(ftsPrefixQuery('rock AND "roll"')).toBe('"rock"* "and"* "roll"*');
    expect(ftsPrefixQuery('NEAR(a b)')).toBe('"near"* "a"* "b"*');
    expect(ftsPrefixQuery('col:umn -x ^y')).toBe('"col"* "umn"* "x"* "y"*');
    expect(ftsPrefixQuery('"*)(^-:')).toBeNull();
    expect(ftsPrefixQuery('')).toBeNull();
  });

  it('leaves out words another typed word begins with', () => {
    expect(ftsPrefixQuery('20 202 lake la')).toBe('"202"* "lake"*');
  });

  it('caps the number of words', () => {
    const many = Array.from({ length: 100 }, (_, i) => `w${i}x`).join(' ');
    expect(ftsPrefixQuery(many)?.split(' ')).toHaveLength(16);
  });
});

describe('ftsQuery', () => {
  it('doubles any quote, so no word can end its string early', () => {
    expect(ftsQuery(['a"b', 'c'])).toBe('"a""b"* "c"*');
  });
});
