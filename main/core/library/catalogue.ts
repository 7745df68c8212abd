import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { VideoUid } from '../stream/ids';
import type { Video } from '../stream/schemas';
import { filters, itemColumns, listSql, type Plan, sorts } from './catalogue-sql';
import { decodeCursor, encodeCursor } from './cursor';
import { libraryErrors } from './errors';
import { ftsQuery } from './fts-query';
import type { CatalogueReader, CatalogueWriter } from './interface';
import { denseThreshold, walkBudget } from './search-plan';
import { searchText, searchWords } from './search-text';
import type {
  CatalogueFilter,
  CatalogueItem,
  CataloguePage,
  CatalogueQuery,
  CatalogueSort,
  CatalogueVideo,
  UpstreamStatus,
} from './types';

interface CatalogueRow {
  uid: string;
  name: string;
  created: string;
  created_ms: number;
  duration: number;
  size: number;
  width: number;
  height: number;
  state: string;
  ready_to_stream: number;
  require_signed_urls: number;
  thumbnail_url: string | null;
  fetched_at: number;
  offline: number;
  downloading: number;
  upstream: UpstreamStatus | null;
  expires_at: number | null;
}

function toItem(row: CatalogueRow): CatalogueItem {
  return {
    uid: row.uid,
    name: row.name,
    created: row.created,
    duration: row.duration,
    size: row.size,
    width: row.width,
    height: row.height,
    state: row.state,
    readyToStream: row.ready_to_stream === 1,
    requireSignedUrls: row.require_signed_urls === 1,
    thumbnailUrl: row.thumbnail_url,
    fetchedAt: row.fetched_at,
    offline: row.offline === 1,
    downloading: row.downloading === 1,
    upstream: row.upstream ?? 'unknown',
    expiresAt: row.expires_at,
  };
}

/** The display name: meta.name as Cloudflare's dashboard shows it, else the file name or uid. */
function displayName(video: Video): string {
  const { name, filename } = video.meta;
  if (typeof name === 'string' && name.trim() !== '') return name;
  if (typeof filename === 'string' && filename.trim() !== '') return filename;
  return video.uid;
}

export function createCatalogue(db: Database.Database, clock: Clock) {
  const upsert = db.prepare(`
    INSERT INTO catalogue (uid, name, search_text, created, created_ms, duration, size, width,
      height, state, ready_to_stream, require_signed_urls, thumbnail_url, fetched_at)
    VALUES (@uid, @name, @search_text, @created, @created_ms, @duration, @size, @width, @height,
      @state, @ready_to_stream, @require_signed_urls, @thumbnail_url, @fetched_at)
    ON CONFLICT (uid) DO UPDATE SET name = excluded.name, search_text = excluded.search_text,
      created = excluded.created,
      created_ms = excluded.created_ms, duration = excluded.duration, size = excluded.size,
      width = excluded.width, height = excluded.height, state = excluded.state,
      ready_to_stream = excluded.ready_to_stream,
      require_signed_urls = excluded.require_signed_urls,
      thumbnail_url = excluded.thumbnail_url, fetched_at = excluded.fetched_at
    RETURNING id`);
  const upsertRaw = db.prepare(`INSERT INTO catalogue_raw (id, raw) VALUES (?, ?)
    ON CONFLICT (id) DO UPDATE SET raw = excluded.raw`);
  const prune = db.prepare(`DELETE FROM catalogue WHERE fetched_at < ?
    AND uid NOT IN (SELECT uid FROM files) AND uid NOT IN (SELECT uid FROM jobs)`);
  // What the account said of a video the library no longer lists is of no further use.
  const pruneUpstream = db.prepare(`DELETE FROM upstream
    WHERE uid NOT IN (SELECT uid FROM catalogue)`);
  const byUid = db.prepare(`SELECT ${itemColumns}, r.raw FROM catalogue c
    JOIN catalogue_raw r ON r.id = c.id WHERE c.uid = ?`);
  const catalogueSpan = db.prepare('SELECT coalesce(max(id), 0) FROM catalogue').pluck();
  const findMatches = db.prepare(`SELECT count(*) AS found, json_group_array(rowid) AS ids
    FROM (SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH ? LIMIT ?)`);
  /** The search's matches as a JSON array of ids, all of them or up to `cap` (counted). */
  const matchesOf = (match: string, cap = -1) =>
    findMatches.get(match, cap) as { found: number; ids: string };
  const listStatements = new Map<string, Database.Statement>();

  /**
   * Walks the sort's index when the matches are many, sorting them when few or bunched. FTS
   * runs once for both the count and the ids: with a common word among several it costs about
   * as much as the sort.
   */
  const search = (
    match: string,
    sort: CatalogueSort,
    filter: CatalogueFilter,
    pageRows: number,
    run: (plan: Plan, extra?: Record<string, string | number>) => CatalogueRow[],
  ): CatalogueRow[] => {
    if (filter !== 'all') return run('sparse', { ids: matchesOf(match).ids });
    const rows = catalogueSpan.get() as number;
    const threshold = denseThreshold(sort, pageRows, rows);
    const counted = matchesOf(match, threshold + 1);
    if (counted.found <= threshold) return run('sparse', { ids: counted.ids });
    const walked = run('dense', { walk: walkBudget(sort, pageRows, rows) });
    if (walked.length === pageRows) return walked;
    return run('sparse', { ids: matchesOf(match).ids });
  };

  const listStatement = (
    sort: CatalogueSort,
    filter: CatalogueFilter,
    plan: Plan,
    after: boolean,
  ) => {
    const key = `${sort}:${filter}:${plan}:${after}`;
    let statement = listStatements.get(key);
    if (!statement) {
      statement = db.prepare(listSql(sort, filter, plan, after));
      listStatements.set(key, statement);
    }
    return statement;
  };

  return {
    upsertCatalogue(videos: readonly Video[]): void {
      const fetchedAt = clock.now();
      db.transaction(() => {
        for (const video of videos) {
          if (!VideoUid.safeParse(video.uid).success) throw libraryErrors.invalid('video uid');
          const createdMs = Date.parse(video.created);
          const name = displayName(video);
          const { id } = upsert.get({
            uid: video.uid,
            name,
            // The index only changes with this text, so an unchanged name leaves it alone.
            search_text: searchText(name),
            created: video.created,
            created_ms: Number.isFinite(createdMs) ? createdMs : 0,
            duration: video.duration,
            size: video.size ?? -1,
            width: video.input?.width ?? -1,
            height: video.input?.height ?? -1,
            state: video.status.state,
            ready_to_stream: video.readyToStream ? 1 : 0,
            require_signed_urls: video.requireSignedURLs ? 1 : 0,
            thumbnail_url: video.thumbnail ?? null,
            fetched_at: fetchedAt,
          }) as { id: number };
          upsertRaw.run(id, JSON.stringify(video));
        }
      })();
    },

    pruneCatalogue(fetchedBefore: number): number {
      return db.transaction(() => {
        const pruned = prune.run(fetchedBefore).changes;
        pruneUpstream.run();
        return pruned;
      })();
    },

    listCatalogue(query: CatalogueQuery): CataloguePage {
      const { filter, sort, limit } = query;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw libraryErrors.invalid('page size');
      if (!(sort in sorts) || !(filter in filters)) throw libraryErrors.invalid('sort or filter');
      const words = query.search === undefined ? [] : searchWords(query.search);
      const match = words.length > 0 ? ftsQuery(words) : null;
      const after = query.cursor ? decodeCursor(query.cursor, sort) : null;
      const params: Record<string, string | number> = { limit: limit + 1 };
      if (match !== null) params.words = words.join(' ');
      if (after) Object.assign(params, { key: after.key, uid: after.uid });
      const run = (plan: Plan, extra: Record<string, string | number> = {}) =>
        listStatement(sort, filter, plan, after !== null).all({
          ...params,
          ...extra,
        }) as CatalogueRow[];
      const rows = match === null ? run('plain') : search(match, sort, filter, limit + 1, run);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor({ sort, key: last[sorts[sort].column], uid: last.uid })
          : null;
      return { items: page.map(toItem), nextCursor };
    },

    getVideo(uid: string): CatalogueVideo | undefined {
      if (!VideoUid.safeParse(uid).success) throw libraryErrors.invalid('video uid');
      const row = byUid.get(uid) as (CatalogueRow & { raw: string }) | undefined;
      return row ? { ...toItem(row), raw: JSON.parse(row.raw) as unknown } : undefined;
    },
  } satisfies CatalogueReader & CatalogueWriter;
}
