import { searchMatcherName } from './search-text';
import type { CatalogueFilter, CatalogueSort } from './types';
import { unfinishedJobStates } from './types';

const quotedList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const playableFile = `role IN ('default', 'audio') AND status = 'present'`;
const unfinishedJob = `state IN (${quotedList(unfinishedJobStates)})`;

export const itemColumns = `c.uid, c.name, c.created, c.created_ms, c.duration, c.size, c.width,
  c.height, c.state, c.ready_to_stream, c.require_signed_urls, c.thumbnail_url, c.fetched_at,
  EXISTS (SELECT 1 FROM files f WHERE f.uid = c.uid AND f.${playableFile}) AS offline,
  EXISTS (SELECT 1 FROM jobs j WHERE j.uid = c.uid AND j.${unfinishedJob}) AS downloading,
  (SELECT u.status FROM upstream u WHERE u.uid = c.uid) AS upstream,
  (SELECT u.expires_at FROM upstream u WHERE u.uid = c.uid) AS expires_at`;

/** Hidden videos are few, and uid is in every sort index, so the walks stay covering. */
const notHidden = 'c.uid NOT IN (SELECT uid FROM upstream WHERE hidden = 1)';

/** Each sort has an index on (column, uid); uid breaks ties so the keyset is total. */
type SortColumn = 'created_ms' | 'name' | 'size';
export const sorts: Record<
  CatalogueSort,
  { column: SortColumn; index: string; dir: string; after: string }
> = {
  newest: { column: 'created_ms', index: 'catalogue_by_created', dir: 'DESC', after: '<' },
  name: { column: 'name', index: 'catalogue_by_name', dir: 'ASC', after: '>' },
  size: { column: 'size', index: 'catalogue_by_size', dir: 'DESC', after: '<' },
};

export const filters: Record<CatalogueFilter, string | null> = {
  all: null,
  offline: `c.uid IN (SELECT uid FROM files WHERE ${playableFile})`,
  downloading: `c.uid IN (SELECT uid FROM jobs WHERE ${unfinishedJob})`,
};

/**
 * How the ids of a page are found. plain: the sort's index. sparse: the matches FTS found for
 * the search, passed in as a JSON array of ids (@ids), looked up and sorted. dense: the sort's
 * index walked for at most @walk rows, keeping those whose search text holds all the words
 * (@words); it comes up short when the matches sit further down the order than that.
 */
export type Plan = 'plain' | 'sparse' | 'dense';

function pageIds(sort: CatalogueSort, filter: CatalogueFilter, plan: Plan, after: boolean) {
  const { column, index, dir, after: cmp } = sorts[sort];
  const where = (clauses: (string | null)[]) => {
    const kept = clauses.filter((clause) => clause !== null);
    return kept.length > 0 ? `WHERE ${kept.join(' AND ')}` : '';
  };
  const own = [
    notHidden,
    filters[filter],
    after ? `(c.${column}, c.uid) ${cmp} (@key, @uid)` : null,
  ];
  const order = (table: string) => `ORDER BY ${table}.${column} ${dir}, ${table}.uid ${dir}`;
  if (plan === 'plain') return `SELECT c.id FROM catalogue c ${where(own)} ${order('c')}`;
  if (plan === 'sparse') {
    return `SELECT c.id FROM json_each(@ids) AS m CROSS JOIN catalogue c ON c.id = m.value
      ${where(own)} ${order('c')}`;
  }
  return `SELECT w.id FROM (
      SELECT c.id, c.${column}, c.uid, c.search_text FROM catalogue c INDEXED BY ${index}
      ${where(own)} ${order('c')} LIMIT @walk
    ) AS w WHERE ${searchMatcherName}(w.search_text, @words) ${order('w')}`;
}

/**
 * A page of items: the ids first, then the page's own columns, so the per-row EXISTS checks
 * run for the page only (CROSS JOIN keeps the page the outer loop: with a bound LIMIT the
 * planner cannot see how small it is).
 */
export function listSql(sort: CatalogueSort, filter: CatalogueFilter, plan: Plan, after: boolean) {
  const { column, dir } = sorts[sort];
  const order = `ORDER BY c.${column} ${dir}, c.uid ${dir}`;
  return `SELECT ${itemColumns} FROM (${pageIds(sort, filter, plan, after)} LIMIT @limit) AS page
    CROSS JOIN catalogue c ON c.id = page.id ${order}`;
}
