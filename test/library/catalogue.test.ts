import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { CatalogueQuery, CatalogueSort, LibraryIndex } from '../../main/core/library';
import { open, tempFolder, uidOf, video } from './helpers';

function library(): LibraryIndex {
  return open(tempFolder(), { clock: new ManualClock() });
}

function names(index: LibraryIndex, query: Partial<CatalogueQuery>): string[] {
  return index
    .listCatalogue({ filter: 'all', sort: 'name', limit: 100, ...query })
    .items.map((item) => item.name);
}

/** Walks every page, returning the uids in order. */
function walk(index: LibraryIndex, query: Omit<CatalogueQuery, 'cursor'>): string[] {
  const uids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = index.listCatalogue({ ...query, ...(cursor ? { cursor } : {}) });
    uids.push(...page.items.map((item) => item.uid));
    if (!page.nextCursor) return uids;
    cursor = page.nextCursor;
  }
  throw new Error('paging never ended');
}

describe('catalogue', () => {
  it('stores the columns of a video and its raw JSON', () => {
    const index = library();
    const v = video(1, { name: 'Alpine Lake', thumbnail: 'https://example.com/t.jpg' });
    index.upsertCatalogue([v]);
    expect(index.getVideo(uidOf(1))).toMatchObject({
      uid: uidOf(1),
      name: 'Alpine Lake',
      width: 640,
      height: 360,
      state: 'ready',
      readyToStream: true,
      requireSignedUrls: false,
      thumbnailUrl: 'https://example.com/t.jpg',
      fetchedAt: 1_700_000_000_000,
      offline: false,
      downloading: false,
      raw: JSON.parse(JSON.stringify(v)),
    });
    expect(index.getVideo(uidOf(2))).toBeUndefined();
  });

  it('updates a video in place, and search follows a rename', () => {
    const index = library();
    index.upsertCatalogue([video(1, { name: 'Alpine Lake' })]);
    index.upsertCatalogue([video(1, { name: 'Harbour at Dusk' })]);
    expect(names(index, { search: 'alp' })).toEqual([]);
    expect(names(index, { search: 'harb' })).toEqual(['Harbour at Dusk']);
    expect(index.integrityCheck()).toEqual({ ok: true, problems: [] });
  });

  it('finds names by word prefixes, ignoring case and accents', () => {
    const index = library();
    index.upsertCatalogue([
      video(1, { name: 'Alpine Lake Timelapse' }),
      video(2, { name: 'Harbour at Dusk' }),
      video(3, { name: 'Zürich Übersicht' }),
      video(4, { name: 'lake-side_alps.mp4' }),
    ]);
    expect(names(index, { search: 'alp' })).toEqual([
      'Alpine Lake Timelapse',
      'lake-side_alps.mp4',
    ]);
    expect(names(index, { search: 'ALPINE la' })).toEqual(['Alpine Lake Timelapse']);
    expect(names(index, { search: 'zurich' })).toEqual(['Zürich Übersicht']);
    expect(names(index, { search: 'dusk harbour' })).toEqual(['Harbour at Dusk']);
    expect(names(index, { search: 'nothing' })).toEqual([]);
  });

  it('treats hostile search input as text, never as FTS syntax', () => {
    const index = library();
    index.upsertCatalogue([video(1, { name: 'Rock AND Roll' }), video(2, { name: 'Other' })]);
    for (const input of [
      '"',
      '*',
      'AND',
      ')',
      '(',
      'NEAR(',
      '"rock',
      'rock"',
      'a OR b',
      '-',
      '^',
      ':',
      "'",
      'x:y',
      '\0',
      '*rock*',
    ]) {
      expect(
        () => index.listCatalogue({ search: input, filter: 'all', sort: 'name', limit: 5 }),
        input,
      ).not.toThrow();
    }
    expect(names(index, { search: 'AND' })).toEqual(['Rock AND Roll']);
    expect(names(index, { search: '"rock' })).toEqual(['Rock AND Roll']);
    expect(names(index, { search: 'rock OR other' })).toEqual([]);
    // Nothing searchable left: the whole catalogue, as with no search at all.
    expect(names(index, { search: '"*)' })).toEqual(['Other', 'Rock AND Roll']);
  });

  it('sorts by newest, name and size, with uid breaking ties', () => {
    const index = library();
    index.upsertCatalogue([
      video(1, { name: 'banana', size: 30, created: '2026-01-01T00:00:00.5Z' }),
      video(2, { name: 'Apple', size: 10, created: '2026-01-01T00:00:00.25Z' }),
      video(3, { name: 'cherry', size: 30, created: '2026-01-01T00:00:00.123456789Z' }),
    ]);
    const uids = (sort: CatalogueSort) =>
      index.listCatalogue({ filter: 'all', sort, limit: 10 }).items.map((i) => i.uid);
    expect(uids('newest')).toEqual([uidOf(1), uidOf(2), uidOf(3)]);
    expect(uids('name')).toEqual([uidOf(2), uidOf(1), uidOf(3)]);
    expect(uids('size')).toEqual([uidOf(3), uidOf(1), uidOf(2)]);
  });

  it('filters offline and downloading videos', () => {
    const index = library();
    index.upsertCatalogue([video(1), video(2), video(3), video(4)]);
    index.addFile({
      uid: uidOf(1),
      role: 'default',
      path: `media/${uidOf(1)}/default.mp4`,
      bytes: 1,
      sha256: 'a'.repeat(64),
    });
    index.addFile({
      uid: uidOf(2),
      role: 'thumbnail',
      path: `media/${uidOf(2)}/thumbnail.jpg`,
      bytes: 1,
      sha256: 'a'.repeat(64),
    });
    index.createJob({ uid: uidOf(3), kind: 'audio', source: 'api' });
    index.createJob({ uid: uidOf(4), kind: 'default', source: 'api' });
    index.transitionJob(uidOf(4), 'default', ['queued'], 'removed');
    const uids = (filter: CatalogueQuery['filter']) =>
      index.listCatalogue({ filter, sort: 'newest', limit: 10 }).items.map((i) => i.uid);
    expect(uids('offline')).toEqual([uidOf(1)]);
    expect(uids('downloading')).toEqual([uidOf(3)]);
    expect(uids('all')).toHaveLength(4);
    const first = index.listCatalogue({ filter: 'all', sort: 'newest', limit: 10 }).items;
    expect(first.find((i) => i.uid === uidOf(1))).toMatchObject({
      offline: true,
      downloading: false,
    });
    expect(first.find((i) => i.uid === uidOf(3))).toMatchObject({
      offline: false,
      downloading: true,
    });
    index.markFileMissing(uidOf(1), 'default');
    expect(uids('offline')).toEqual([]);
  });

  it.each(['newest', 'name', 'size'] as const)(
    'pages through a few hundred rows by %s without duplicates or gaps',
    (sort) => {
      const index = library();
      // Repeated names and sizes, and equal creation times, so ties need the uid.
      const videos = Array.from({ length: 347 }, (_, i) =>
        video(i + 1, {
          name: `${['Alpine', 'alpine', 'Lake', 'Dusk'][i % 4]} ${i % 7}`,
          size: (i * 37) % 11,
          created: `2026-01-0${1 + (i % 3)}T00:00:00Z`,
        }),
      );
      index.upsertCatalogue(videos);
      const all = index.listCatalogue({ filter: 'all', sort, limit: 500 }).items.map((i) => i.uid);
      const paged = walk(index, { filter: 'all', sort, limit: 20 });
      expect(paged).toHaveLength(347);
      expect(new Set(paged).size).toBe(347);
      expect(paged).toEqual(all);

      const searchedAll = index
        .listCatalogue({ search: 'alp', filter: 'all', sort, limit: 500 })
        .items.map((i) => i.uid);
      expect(searchedAll.length).toBeGreaterThan(150);
      expect(walk(index, { search: 'alp', filter: 'all', sort, limit: 17 })).toEqual(searchedAll);
    },
  );

  it('orders and pages a search with many matches exactly', () => {
    const index = library();
    // Over the dense threshold, so the index-walk plan is used; the order must be the same.
    const videos = Array.from({ length: 1500 }, (_, i) =>
      video(i + 1, { name: i % 5 === 0 ? `Harbour ${i}` : `Alpine ${i}`, size: i % 13 }),
    );
    index.upsertCatalogue(videos);
    const alpine = videos.filter((v) => String(v.meta.name).startsWith('Alpine'));
    const byUidDesc = (a: { uid: string }, b: { uid: string }) => (a.uid < b.uid ? 1 : -1);
    const expected = {
      newest: [...alpine].sort(
        (a, b) => Date.parse(b.created) - Date.parse(a.created) || byUidDesc(a, b),
      ),
      size: [...alpine].sort((a, b) => (b.size ?? 0) - (a.size ?? 0) || byUidDesc(a, b)),
      name: [...alpine].sort((a, b) => {
        const [x, y] = [String(a.meta.name).toLowerCase(), String(b.meta.name).toLowerCase()];
        return x === y ? -byUidDesc(a, b) : x < y ? -1 : 1;
      }),
    };
    for (const sort of ['newest', 'name', 'size'] as const) {
      const paged = walk(index, { search: 'alp', filter: 'all', sort, limit: 50 });
      expect(paged).toEqual(expected[sort].map((v) => v.uid));
      expect(walk(index, { search: 'harb', filter: 'all', sort, limit: 50 })).toHaveLength(300);
    }
  });

  it('finds many matches bunched at the far end of the order', () => {
    const index = library();
    // The oldest videos, and the last by name: an index walk from the top meets none of them.
    const videos = Array.from({ length: 1500 }, (_, i) =>
      video(i + 1, { name: i < 500 ? `Zulu ${i}` : `Alpha ${i}` }),
    );
    index.upsertCatalogue(videos);
    const zulu = videos.slice(0, 500).map((v) => v.uid);
    const byName = [...videos.slice(0, 500)]
      .sort((a, b) => (String(a.meta.name) < String(b.meta.name) ? -1 : 1))
      .map((v) => v.uid);
    expect(walk(index, { search: 'zu', filter: 'all', sort: 'newest', limit: 50 })).toEqual(
      [...zulu].reverse(),
    );
    expect(walk(index, { search: 'zu', filter: 'all', sort: 'name', limit: 50 })).toEqual(byName);
  });

  it('refuses a cursor from another sort or a forged one', () => {
    const index = library();
    index.upsertCatalogue(Array.from({ length: 5 }, (_, i) => video(i + 1)));
    const { nextCursor } = index.listCatalogue({ filter: 'all', sort: 'newest', limit: 2 });
    expect(nextCursor).toBeTruthy();
    const query = { filter: 'all', limit: 2 } as const;
    expect(() => index.listCatalogue({ ...query, sort: 'name', cursor: nextCursor ?? '' })).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    );
    for (const cursor of [
      'x',
      Buffer.from('{"s":"newest","k":1,"u":"../../etc"}').toString('base64url'),
    ]) {
      expect(() => index.listCatalogue({ ...query, sort: 'newest', cursor })).toThrow(
        expect.objectContaining({ code: 'invalid_cursor' }),
      );
    }
    expect(() => index.listCatalogue({ ...query, sort: 'newest', limit: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('prunes stale rows but keeps videos with files or jobs', () => {
    const clock = new ManualClock();
    const folder = tempFolder();
    const index = open(folder, { clock });
    index.upsertCatalogue([video(1), video(2), video(3)]);
    index.createJob({ uid: uidOf(2), kind: 'default', source: 'api' });
    clock.advance(1000);
    index.upsertCatalogue([video(3)]);
    expect(index.pruneCatalogue(clock.now())).toBe(1);
    expect(index.getVideo(uidOf(1))).toBeUndefined();
    expect(index.getVideo(uidOf(2))).toBeDefined();
    expect(
      index.listCatalogue({ search: 'video', filter: 'all', sort: 'name', limit: 10 }).items,
    ).toHaveLength(2);
    index.close();
    // The raw JSON of a pruned video goes with it.
    const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
    const raw = db.prepare('SELECT id FROM catalogue_raw ORDER BY id').pluck().all();
    expect(raw).toEqual(db.prepare('SELECT id FROM catalogue ORDER BY id').pluck().all());
    expect(raw).toHaveLength(2);
    db.close();
  });

  it('rejects a malformed uid', () => {
    const index = library();
    expect(() => index.upsertCatalogue([video(1, { uid: '../etc' })])).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => index.getVideo('ABC')).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});
