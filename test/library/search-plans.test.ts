import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { CatalogueSort, LibraryIndex } from '../../main/core/library';
import { listSql, type Plan, sorts } from '../../main/core/library/catalogue-sql';
import { ftsPrefixQuery } from '../../main/core/library/fts-query';
import { open, tempFolder, video } from './helpers';

interface Row {
  uid: string;
  name: string;
  created_ms: number;
  size: number;
}

/**
 * Words with different densities: "every" on all rows, "half" on one in two, "fifth" on one in
 * five, "rare" on one in forty, and "tail" only on the last rows by name and by age.
 */
function nameOf(i: number): string {
  const words = ['every'];
  if (i % 2 === 0) words.push('half');
  if (i % 5 === 0) words.push('fifth');
  if (i % 40 === 0) words.push('rare');
  const prefix = i < 30 ? 'Zz tail' : ['Alpine', 'alpine', 'Lake'][i % 3];
  return `${prefix} ${words.join(' ')} ${i % 7}`;
}

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

/** Every page of one plan, each after the keyset of the page before, as uids. */
function pagesOf(
  db: Database.Database,
  sort: CatalogueSort,
  match: string,
  plan: Plan,
  walk: number,
) {
  const uids: string[] = [];
  let after: { key: string | number; uid: string } | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const statement = db.prepare(listSql(sort, 'all', plan, after !== null));
    const params = { match, limit: 18, ...(plan === 'dense' ? { walk } : {}), ...after };
    const rows = statement.all(params) as Row[];
    const page = rows.slice(0, 17);
    uids.push(...page.map((row) => row.uid));
    const last = page.at(-1);
    if (rows.length <= 17 || !last) return uids;
    after = { key: last[sorts[sort].column], uid: last.uid };
  }
  throw new Error('paging never ended');
}

describe('search plans', () => {
  it.each(['newest', 'name', 'size'] as const)(
    'the index walk and the sort page a %s search identically, whatever the density',
    (sort) => {
      const { folder, index } = fill();
      const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
      try {
        for (const search of ['every', 'half', 'fif', 'rare', 'tail', 'alp half', 'nothing']) {
          const match = ftsPrefixQuery(search) ?? '';
          const sorted = pagesOf(db, sort, match, 'sparse', 0);
          // A walk as long as the catalogue never comes up short, so every page must agree.
          expect(pagesOf(db, sort, match, 'dense', 400), search).toEqual(sorted);
          expect(new Set(sorted).size, search).toBe(sorted.length);
          const viaLibrary: string[] = [];
          let cursor: string | undefined;
          do {
            const page = index.listCatalogue({
              search,
              filter: 'all',
              sort,
              limit: 17,
              ...(cursor ? { cursor } : {}),
            });
            viaLibrary.push(...page.items.map((item) => item.uid));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(viaLibrary, search).toEqual(sorted);
        }
      } finally {
        db.close();
      }
    },
  );

  it('a short walk returns a prefix of the sorted page, never other rows', () => {
    const { folder } = fill();
    const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
    try {
      for (const sort of ['newest', 'name', 'size'] as const) {
        for (const search of ['half', 'rare', 'tail']) {
          const params = { match: ftsPrefixQuery(search), limit: 18 };
          const sorted = db.prepare(listSql(sort, 'all', 'sparse', false)).all(params) as Row[];
          const walked = db
            .prepare(listSql(sort, 'all', 'dense', false))
            .all({ ...params, walk: 20 }) as Row[];
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
