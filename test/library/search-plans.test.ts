import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { CatalogueFilter, CatalogueSort, LibraryIndex } from '../../main/core/library';
import { listSql, type Plan, sorts } from '../../main/core/library/catalogue-sql';
import { ftsQuery } from '../../main/core/library/fts-query';
import { registerSearchMatcher, searchWords } from '../../main/core/library/search-text';
import { open, tempFolder, uidOf, video } from './helpers';

interface Row {
  uid: string;
  name: string;
  created_ms: number;
  size: number;
}

/** Names in other scripts and spellings, so folding, splitting and prefixes all get exercised. */
const spellings = [
  'Zürich Übersicht',
  'zurich-ubersicht',
  'ZÜRICH',
  'Café crème',
  'cafe\u0301 cre\u0300me',
  'Москва 2024',
  'МОСКВА-река',
  '東京タワー 夜景',
  'İstanbul',
  'ﬁlm ｆｉｎａｌ',
  'IMG_0042.mp4',
  'director’s cut (v2)',
  '2024-05-01 meeting',
  'Ἀθῆναι',
  'हिन्दी पाठ',
  '서울 여행',
  'rock&roll',
];

/**
 * Words with different densities: "every" on all rows, "half" on one in two, "fifth" on one in
 * five, "rare" on one in forty, and "tail" only on the last rows by name and by age; one row in
 * three also carries a name from `spellings`.
 */
function nameOf(i: number): string {
  const words = ['every'];
  if (i % 2 === 0) words.push('half');
  if (i % 5 === 0) words.push('fifth');
  if (i % 40 === 0) words.push('rare');
  const prefix = i < 30 ? 'Zz tail' : ['Alpine', 'alpine', 'Lake'][i % 3];
  const spelling = i % 3 === 1 ? ` ${spellings[i % spellings.length]}` : '';
  return `${prefix} ${words.join(' ')} ${i % 7}${spelling}`;
}

const searches = [
  ...['every', 'half', 'fif', 'rare', 'tail', 'alp half', 'nothing', 'ever ever', 'very'],
  ...['zur', 'ZÜ', 'übersicht zu', 'cafe', 'CAFÉ CRÈ', 'моск', 'Река', '東京', '夜', 'istanbul'],
  ...['film fin', 'fi', 'img_00', '0042', 'mp4', '2024 05', 'director s', 'v2', 'αθη', 'ἀθ'],
  ...['हिन्', 'पा', '서울', '여', 'rock roll', '0', '1', 'half 3', 'every rare 0', 'urich', 'сква'],
];

function fill(): { folder: string; index: LibraryIndex } {
  const folder = tempFolder();
  const index = open(folder, { clock: new ManualClock() });
  index.upsertCatalogue(
    Array.from({ length: 400 }, (_, i) =>
      video(i + 1, {
        name: nameOf(i),
        size: (i * 37) % 13,
        // Equal times, and the "tail" rows the oldest, so ties and far-off matches both occur.
        created: i < 30 ? '2020-01-01T00:00:00Z' : `2026-01-0${1 + (i % 3)}T00:00:00Z`,
      }),
    ),
  );
  return { folder, index };
}

/** The library file opened on its own, with the matcher the dense plan calls. */
function readOnly(folder: string): Database.Database {
  const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
  registerSearchMatcher(db);
  return db;
}

/** The parameters of one plan for a search: FTS finds the sparse plan's ids. */
function planParams(db: Database.Database, search: string, plan: Plan, walk: number) {
  const words = searchWords(search);
  if (plan === 'dense') return { words: words.join(' '), walk };
  const ids = db
    .prepare(`SELECT json_group_array(rowid) FROM catalogue_search
      WHERE catalogue_search MATCH ?`)
    .pluck()
    .get(ftsQuery(words));
  return { ids };
}

/** Every page of one plan, each after the keyset of the page before, as uids. */
function pagesOf(
  db: Database.Database,
  sort: CatalogueSort,
  search: string,
  plan: Plan,
  walk: number,
) {
  const uids: string[] = [];
  let after: { key: string | number; uid: string } | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const statement = db.prepare(listSql(sort, 'all', plan, after !== null));
    const params = { limit: 18, ...planParams(db, search, plan, walk), ...after };
    const rows = statement.all(params) as Row[];
    const page = rows.slice(0, 17);
    uids.push(...page.map((row) => row.uid));
    const last = page.at(-1);
    if (rows.length <= 17 || !last) return uids;
    after = { key: last[sorts[sort].column], uid: last.uid };
  }
  throw new Error('paging never ended');
}

function pagesViaLibrary(
  index: LibraryIndex,
  sort: CatalogueSort,
  search: string,
  filter: CatalogueFilter = 'all',
): string[] {
  const uids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = index.listCatalogue({
      search,
      filter,
      sort,
      limit: 17,
      ...(cursor ? { cursor } : {}),
    });
    uids.push(...page.items.map((item) => item.uid));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return uids;
}

describe('search plans', () => {
  it.each(['newest', 'name', 'size'] as const)(
    'the index walk and the sort page a %s search identically, whatever the density or script',
    (sort) => {
      const { folder, index } = fill();
      const db = readOnly(folder);
      try {
        for (const search of searches) {
          const sorted = pagesOf(db, sort, search, 'sparse', 0);
          // A walk as long as the catalogue never comes up short, so every page must agree.
          expect(pagesOf(db, sort, search, 'dense', 400), search).toEqual(sorted);
          expect(new Set(sorted).size, search).toBe(sorted.length);
          expect(pagesViaLibrary(index, sort, search), search).toEqual(sorted);
        }
      } finally {
        db.close();
      }
    },
  );

  it('finds every spelling of a name, and only where its words begin', () => {
    const { folder } = fill();
    const db = readOnly(folder);
    const spellingOf = db.prepare('SELECT name FROM catalogue WHERE uid = ?').pluck();
    const found = (search: string) => {
      const names = pagesOf(db, 'name', search, 'sparse', 0).map(
        (uid) => spellingOf.get(uid) as string,
      );
      return new Set(names.map((name) => spellings.find((s) => name.endsWith(` ${s}`)) ?? name));
    };
    try {
      expect(found('zur')).toEqual(new Set(['Zürich Übersicht', 'zurich-ubersicht', 'ZÜRICH']));
      expect(found('café crè')).toEqual(new Set(['Café crème', 'cafe\u0301 cre\u0300me']));
      expect(found('МОСКВА')).toEqual(new Set(['Москва 2024', 'МОСКВА-река']));
      expect(found('film')).toEqual(new Set(['ﬁlm ｆｉｎａｌ']));
      expect(found('0042 img')).toEqual(new Set(['IMG_0042.mp4']));
      // Words begin where the name's words begin: the middle of a word is no match.
      expect(found('urich')).toEqual(new Set());
      expect(found('roll')).toEqual(new Set(['rock&roll']));
    } finally {
      db.close();
    }
  });

  it.each(['newest', 'name', 'size'] as const)(
    'pages a %s search of the offline videos as the whole search, filtered',
    (sort) => {
      const { index } = fill();
      const offline = new Set<string>();
      for (let n = 1; n <= 400; n += 3) {
        const uid = uidOf(n);
        index.addFile({
          uid,
          role: 'default',
          path: `media/${uid}/default.mp4`,
          bytes: 1,
          sha256: 'a'.repeat(64),
        });
        offline.add(uid);
      }
      for (const search of ['every', 'half', 'rare', 'zur', 'моск', 'nothing']) {
        const all = pagesViaLibrary(index, sort, search);
        const filtered = pagesViaLibrary(index, sort, search, 'offline');
        expect(filtered, search).toEqual(all.filter((uid) => offline.has(uid)));
      }
    },
  );

  it('a short walk returns a prefix of the sorted page, never other rows', () => {
    const { folder } = fill();
    const db = readOnly(folder);
    try {
      for (const sort of ['newest', 'name', 'size'] as const) {
        for (const search of ['half', 'rare', 'tail', 'zur', 'моск']) {
          const sorted = db
            .prepare(listSql(sort, 'all', 'sparse', false))
            .all({ limit: 18, ...planParams(db, search, 'sparse', 0) }) as Row[];
          const walked = db
            .prepare(listSql(sort, 'all', 'dense', false))
            .all({ limit: 18, ...planParams(db, search, 'dense', 20) }) as Row[];
          expect(
            sorted.slice(0, walked.length).map((r) => r.uid),
            `${sort} ${search}`,
          ).toEqual(walked.map((r) => r.uid));
        }
      }
    } finally {
      db.close();
    }
  });
});
