import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { VideoUid } from '../stream/ids';
import type { Video } from '../stream/schemas';
import { decodeCursor, encodeCursor } from './cursor';
import { libraryErrors } from './errors';
import { ftsPrefixQuery } from './fts-query';
import type {
  CatalogueFilter,
  CatalogueItem,
  CataloguePage,
  CatalogueQuery,
  CatalogueSort,
  CatalogueVideo,
} from './types';
import { unfinishedJobStates } from './types';

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
}

const quotedList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const playableFile = `role IN ('default', 'audio') AND status = 'present'`;
const unfinishedJob = `state IN (${quotedList(unfinishedJobStates)})`;

const itemColumns = `c.uid, c.name, c.created, c.created_ms, c.duration, c.size, c.width,
  c.height, c.state, c.ready_to_stream, c.require_signed_urls, c.thumbnail_url, c.fetched_at,
  EXISTS (SELECT 1 FROM files f WHERE f.uid = c.uid AND f.${playableFile}) AS offline,
  EXISTS (SELECT 1 FROM jobs j WHERE j.uid = c.uid AND j.${unfinishedJob}) AS downloading`;

/** Each sort has an index on (column, uid); uid breaks ties so the keyset is total. */
type SortColumn = 'created_ms' | 'name' | 'size';
const sorts: Record<
  CatalogueSort,
  { column: SortColumn; index: string; dir: string; after: string }
> = {
  newest: { column: 'created_ms', index: 'catalogue_by_created', dir: 'DESC', after: '<' },
  name: { column: 'name', index: 'catalogue_by_name', dir: 'ASC', after: '>' },
  size: { column: 'size', index: 'catalogue_by_size', dir: 'DESC', after: '<' },
};

const filters: Record<CatalogueFilter, string | null> = {
  all: null,
  offline: `c.uid IN (SELECT uid FROM files WHERE ${playableFile})`,
  downloading: `c.uid IN (SELECT uid FROM jobs WHERE ${unfinishedJob})`,
};

/**
 * Search results are found one of two ways. Few matches: look each up and sort them. Many
 * matches: walk the sort's index and keep the rows in the match set, so the first page ends
 * early instead of sorting thousands of rows. The page's own columns are read afterwards, so
 * the per-row EXISTS checks run for the page only (CROSS JOIN keeps the page the outer loop:
 * with a bound LIMIT the planner cannot see how small it is).
 */
type Plan = 'plain' | 'sparse' | 'dense';

function listSql(sort: CatalogueSort, filter: CatalogueFilter, plan: Plan, after: boolean) {
  const { column, index, dir, after: cmp } = sorts[sort];
  const matched = 'c.id IN (SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH @match)';
  const where = [
    plan === 'sparse' ? matched : plan === 'dense' ? `+${matched}` : null,
    filters[filter],
    after ? `(c.${column}, c.uid) ${cmp} (@key, @uid)` : null,
  ].filter((clause) => clause !== null);
  const source = plan === 'dense' ? `catalogue c INDEXED BY ${index}` : 'catalogue c';
  const order = `ORDER BY c.${column} ${dir}, c.uid ${dir}`;
  return `SELECT ${itemColumns} FROM (
      SELECT c.id FROM ${source} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ${order} LIMIT @limit
    ) AS page CROSS JOIN catalogue c ON c.id = page.id ${order}`;
}

/** Above this many matches the index walk is cheaper than sorting the matches. */
const denseMatches = 1000;

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
    INSERT INTO catalogue (uid, name, created, created_ms, duration, size, width, height, state,
      ready_to_stream, require_signed_urls, thumbnail_url, fetched_at, raw)
    VALUES (@uid, @name, @created, @created_ms, @duration, @size, @width, @height, @state,
      @ready_to_stream, @require_signed_urls, @thumbnail_url, @fetched_at, @raw)
    ON CONFLICT (uid) DO UPDATE SET name = excluded.name, created = excluded.created,
      created_ms = excluded.created_ms, duration = excluded.duration, size = excluded.size,
      width = excluded.width, height = excluded.height, state = excluded.state,
      ready_to_stream = excluded.ready_to_stream,
      require_signed_urls = excluded.require_signed_urls,
      thumbnail_url = excluded.thumbnail_url, fetched_at = excluded.fetched_at, raw = excluded.raw`);
  const prune = db.prepare(`DELETE FROM catalogue WHERE fetched_at < ?
    AND uid NOT IN (SELECT uid FROM files) AND uid NOT IN (SELECT uid FROM jobs)`);
  const byUid = db.prepare(`SELECT ${itemColumns}, c.raw FROM catalogue c WHERE c.uid = ?`);
  const countMatches = db.prepare(`SELECT count(*) FROM (SELECT rowid FROM catalogue_fts
    WHERE catalogue_fts MATCH ? LIMIT ${denseMatches + 1})`);
  const listStatements = new Map<string, Database.Statement>();

  const choosePlan = (match: string | null, filter: CatalogueFilter): Plan => {
    if (match === null) return 'plain';
    if (filter !== 'all') return 'sparse';
    return (countMatches.pluck().get(match) as number) > denseMatches ? 'dense' : 'sparse';
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
          upsert.run({
            uid: video.uid,
            name: displayName(video),
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
            raw: JSON.stringify(video),
          });
        }
      })();
    },

    pruneCatalogue(fetchedBefore: number): number {
      return prune.run(fetchedBefore).changes;
    },

    listCatalogue(query: CatalogueQuery): CataloguePage {
      const { filter, sort, limit } = query;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw libraryErrors.invalid('page size');
      if (!(sort in sorts) || !(filter in filters)) throw libraryErrors.invalid('sort or filter');
      const match = query.search === undefined ? null : ftsPrefixQuery(query.search);
      const after = query.cursor ? decodeCursor(query.cursor, sort) : null;
      const params: Record<string, string | number> = { limit: limit + 1 };
      if (match !== null) params.match = match;
      if (after) Object.assign(params, { key: after.key, uid: after.uid });
      const rows = listStatement(sort, filter, choosePlan(match, filter), after !== null).all(
        params,
      ) as CatalogueRow[];
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
  };
}
