import type { ArgsOf, CatalogueCard, ResultOf } from '../../../main/contract/index';

/** One catalogue page, or undefined when the call failed. */
export type ListPage = (
  query: ArgsOf<'catalogue:list'>,
) => Promise<ResultOf<'catalogue:list'> | undefined>;

export interface SavedVideos {
  videos: CatalogueCard[];
  /** False when a page failed: the videos after it are not in the list. */
  complete: boolean;
}

const PAGE = 500;

/**
 * Every saved video whose files are all there (files known missing are left out), across
 * catalogue pages, in the catalogue's order unless `sort` says otherwise.
 */
export async function savedVideos(
  listPage: ListPage,
  sort?: ArgsOf<'catalogue:list'>['sort'],
): Promise<SavedVideos> {
  const videos: CatalogueCard[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage({
      filter: 'offline',
      limit: PAGE,
      cursor,
      ...(sort ? { sort } : {}),
    });
    if (!page) return { videos, complete: false };
    videos.push(...page.items.filter((card) => card.offline && !card.missing));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { videos, complete: true };
}
