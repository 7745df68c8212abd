import type { CatalogueQuery } from '../../contract/index';
import type { Clock } from '../clock';
import type { CatalogueItem, LibraryIndex } from '../library/index';
import type { StreamClient } from '../stream/client';
import type { Video } from '../stream/schemas';

const upsertBatch = 500;

export interface CatalogueSlice {
  items: CatalogueItem[];
  nextCursor: string | null;
  /** Whether the connected account could refresh the catalogue right now. */
  remote: boolean;
}

/** One page of the catalogue; `remote` says whether the account could refresh it. */
export function cataloguePage(
  library: LibraryIndex,
  query: Required<Pick<CatalogueQuery, 'filter' | 'sort' | 'limit'>> & CatalogueQuery,
  remote: boolean,
): CatalogueSlice {
  const page = library.listCatalogue({
    filter: query.filter,
    sort: query.sort,
    limit: query.limit,
    ...(query.search?.trim() ? { search: query.search } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    items: page.items,
    nextCursor: page.nextCursor,
    remote,
  };
}

/**
 * Reads every video of the account into the catalogue cache in batches (one transaction each),
 * then drops cached videos the account no longer has and the library holds nothing of.
 */
export async function refreshCatalogue(
  library: LibraryIndex,
  stream: StreamClient,
  clock: Clock,
): Promise<number> {
  const startedAt = clock.now();
  let batch: Video[] = [];
  let count = 0;
  for await (const video of stream.listAllVideos()) {
    batch.push(video);
    if (batch.length === upsertBatch) {
      library.upsertCatalogue(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) library.upsertCatalogue(batch);
  count += batch.length;
  library.pruneCatalogue(startedAt);
  library.setSetting('catalogueSyncedAt', clock.now());
  return count;
}
