/**
 * Sorting the matches of a search costs a little per match; walking the sort's index costs less
 * per row walked, and with matches spread evenly a page of p rows needs p · rows / matches of
 * them. The two meet near sqrt(p · rows · walkShare): above that many matches, walk.
 */
const walkShare = 2;

/** Matches above which a search walks the sort's index instead of sorting every match. */
export function denseThreshold(pageRows: number, catalogueRows: number): number {
  return Math.ceil(Math.sqrt(pageRows * Math.max(catalogueRows, 1) * walkShare));
}

/**
 * Rows the walk may pass before giving up for the sort: several times what evenly spread
 * matches need, so only matches bunched far down the order (a name prefix under "name") pay
 * for both plans, and then for little more than a sort.
 */
export function walkBudget(pageRows: number, catalogueRows: number): number {
  return Math.ceil(
    (4 * pageRows * Math.max(catalogueRows, 1)) / denseThreshold(pageRows, catalogueRows),
  );
}
