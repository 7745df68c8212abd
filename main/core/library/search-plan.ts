import type { CatalogueSort } from './types';

/**
 * Sorting the matches of a search costs a row lookup per match (about 0.9 µs each at 100,000
 * rows); walking the sort's index and testing each row's search text costs about 0.5 µs a row,
 * and with matches spread evenly a page of p rows needs p · rows / matches of them. The two
 * meet near sqrt(p · rows · walkShare) matches, walkShare being the ratio of those costs.
 */
const walkShare = 0.6;

/**
 * How far above that meeting point a search starts to walk. Newest and size order rows
 * regardless of their names, so matches spread evenly along them. Name puts names that begin
 * with the same word together, so a common first word's matches sit in one stretch, often far
 * down the order; a walk that comes up short is paid on top of the sort, and below a few
 * thousand matches the sort costs little more than a walk.
 */
const bunching: Record<CatalogueSort, number> = { newest: 1.5, size: 1.5, name: 4 };

/** Matches above which a search walks the sort's index instead of sorting every match. */
export function denseThreshold(
  sort: CatalogueSort,
  pageRows: number,
  catalogueRows: number,
): number {
  const rows = Math.max(catalogueRows, 1);
  return Math.ceil(Math.sqrt(pageRows * rows * walkShare * bunching[sort]));
}

/**
 * Rows the walk may pass before giving up for the sort: four times what matches spread evenly
 * need at the threshold, so only matches bunched far down the order (a common first word under
 * "name") pay for both plans.
 */
export function walkBudget(sort: CatalogueSort, pageRows: number, catalogueRows: number): number {
  const rows = Math.max(catalogueRows, 1);
  return Math.ceil((4 * pageRows * rows) / denseThreshold(sort, pageRows, rows));
}
