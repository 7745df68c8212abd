import { describe, expect, it } from 'vitest';
import { ftsPrefixQuery } from '../../main/core/library/fts-query';

describe('ftsPrefixQuery', () => {
  it('makes every word a quoted prefix term', () => {
    expect(ftsPrefixQuery('alp')).toBe('"alp"*');
    expect(ftsPrefixQuery('  Alpine   la ')).toBe('"Alpine"* "la"*');
    expect(ftsPrefixQuery('Zürich')).toBe('"Zürich"*');
  });

  it('drops operators and punctuation to plain words, or to nothing', () => {
    expect(ftsPrefixQuery('rock AND "roll"')).toBe('"rock"* "AND"* "roll"*');
    expect(ftsPrefixQuery('NEAR(a b)')).toBe('"NEAR"* "a"* "b"*');
    expect(ftsPrefixQuery('"*)(^-:')).toBeNull();
    expect(ftsPrefixQuery('')).toBeNull();
  });

  it('caps the number of words', () => {
    expect(ftsPrefixQuery('w '.repeat(100))?.split(' ')).toHaveLength(16);
  });
});
