import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  maxSearchWords,
  registerSearchMatcher,
  searchMatcherName,
  searchText,
  searchWords,
} from '../../main/core/library/search-text';
import { open, tempFolder, video } from './helpers';

const names = [
  'Zürich Übersicht',
  'cafe\u0301 cre\u0300me',
  'ﬁlm ｆｉｎａｌ ℌ²',
  'IMG_0042.mp4',
  'director’s cut (v2)',
  'Москва-река 2024',
  '東京タワー 夜景',
  'İstanbul',
  'Ἀθῆναι',
  'हिन्दी पाठ',
  '  --  ',
  'tab\tnew\nline',
];

describe('searchText', () => {
  it('folds case, accents and compatibility forms, keeping other scripts', () => {
    expect(searchText('Zürich Übersicht')).toBe('zurich ubersicht');
    expect(searchText('cafe\u0301 cre\u0300me')).toBe('cafe creme');
    expect(searchText('ﬁlm ｆｉｎａｌ ℌ²')).toBe('film final h2');
    expect(searchText('Москва-река 2024')).toBe('москва река 2024');
    expect(searchText('İstanbul')).toBe('istanbul');
    expect(searchText('Ἀθῆναι')).toBe('αθηναι');
    expect(searchText('東京タワー 夜景')).toBe('東京タワー 夜景');
    // Marks outside the Latin combining block belong to their letters.
    expect(searchText('हिन्दी पाठ')).toBe('हिन्दी पाठ');
  });

  it('splits on everything but letters, digits and marks', () => {
    expect(searchText('IMG_0042.mp4')).toBe('img 0042 mp4');
    expect(searchText('director’s cut (v2)')).toBe('director s cut v2');
    expect(searchText('tab\tnew\nline')).toBe('tab new line');
    expect(searchText('  --  ')).toBe('');
    expect(searchText('')).toBe('');
  });

  it('leaves only words FTS5’s ascii tokenizer cuts the same way', () => {
    for (const name of names) {
      const text = searchText(name);
      expect(text, name).toMatch(/^(?:[^\0-\x7f]|[a-z0-9])*(?: (?:[^\0-\x7f]|[a-z0-9])+)*$/);
      expect(text.split(' ').every((word) => word.length > 0) || text === '', name).toBe(true);
      expect(searchText(text), name).toBe(text);
    }
  });
});

describe('searchWords', () => {
  it('cuts what was typed like a name', () => {
    expect(searchWords('  ZÜRICH  über-')).toEqual(['zurich', 'uber']);
    expect(searchWords('"*)(^-:')).toEqual([]);
  });

  it('keeps one of repeated words and drops those another word begins with', () => {
    expect(searchWords('sp sp')).toEqual(['sp']);
    expect(searchWords('20 202 lake la')).toEqual(['202', 'lake']);
    expect(searchWords('la lb')).toEqual(['la', 'lb']);
  });

  it('reads at most the first words typed', () => {
    const typed = Array.from({ length: 40 }, (_, i) => `w${i}x`);
    expect(searchWords(typed.join(' '))).toEqual(typed.slice(0, maxSearchWords));
  });
});

describe('search matcher', () => {
  const matches = (text: string, words: string) => {
    const db = new Database(':memory:');
    registerSearchMatcher(db);
    try {
      return db.prepare(`SELECT ${searchMatcherName}(?, ?)`).pluck().get(text, words);
    } finally {
      db.close();
    }
  };

  it('matches when every word begins a word of the text, in any order', () => {
    expect(matches('alpine lake timelapse', 'la alp')).toBe(1);
    expect(matches('alpine lake timelapse', 'timelapse')).toBe(1);
    expect(matches('alpine lake timelapse', 'lapse')).toBe(0);
    expect(matches('alpine lake timelapse', 'alp harb')).toBe(0);
    expect(matches('', 'a')).toBe(0);
    expect(matches('東京タワー 夜景', '夜')).toBe(1);
  });

  it('follows the words from one call to the next', () => {
    const db = new Database(':memory:');
    registerSearchMatcher(db);
    const statement = db.prepare(`SELECT ${searchMatcherName}(?, ?)`).pluck();
    expect(statement.get('alpine lake', 'alp')).toBe(1);
    expect(statement.get('alpine lake', 'harb')).toBe(0);
    expect(statement.get('harbour', 'harb')).toBe(1);
    expect(statement.get('harbour', 'alp')).toBe(0);
    expect(statement.get(null, 'alp')).toBe(0);
    db.close();
  });
});

describe('search text in the catalogue', () => {
  /** The FTS index's own pages: any write to the index changes them. */
  const indexPages = (folder: string) => {
    const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT id, block FROM catalogue_search_data ORDER BY id').all();
    } finally {
      db.close();
    }
  };

  it('touches the index only when a name’s search text changes', () => {
    const folder = tempFolder();
    const clock = new ManualClock();
    const index = open(folder, { clock });
    index.upsertCatalogue([video(1, { name: 'Alpine Lake' }), video(2, { name: 'Harbour' })]);
    const before = indexPages(folder);
    clock.advance(1000);
    // Same words in other capitals: the name changes, the search text does not.
    index.upsertCatalogue([video(1, { name: 'ALPINE lake' }), video(2, { name: 'Harbour' })]);
    expect(indexPages(folder)).toEqual(before);
    index.upsertCatalogue([video(2, { name: 'Harbour at dusk' })]);
    expect(indexPages(folder)).not.toEqual(before);
    const found = index.listCatalogue({ search: 'dusk', filter: 'all', sort: 'name', limit: 5 });
    expect(found.items.map((item) => item.name)).toEqual(['Harbour at dusk']);
    expect(index.integrityCheck()).toEqual({ ok: true, problems: [] });
  });
});
