import type { CatalogueItem, DownloadKind, LibraryIndex } from '../../library/index';
import type { LibrarySession } from '../library-session';

/** One rendition the library holds or is fetching, or one video it only lists. */
export interface RenditionRow {
  uid: string;
  name: string;
  kind: DownloadKind | null;
  /** `saved` when the file is present, else the job's state, `missing`, or `not saved`. */
  state: string;
  bytes: number | null;
  sha256: string | null;
  /** Relative to the library folder. */
  path: string | null;
  /** What the account said at the last re-check; unknown when never checked. */
  upstream: CatalogueItem['upstream'];
  /** ISO time of Cloudflare's scheduledDeletion (the local expiry); null when none. */
  expiresAt: string | null;
}

/** Every video of the local catalogue, by name, with what the library holds of each. */
export function listRenditions(session: LibrarySession, search?: string): RenditionRow[] {
  const { library } = session;
  const rows: RenditionRow[] = [];
  let cursor: string | undefined;
  do {
    const page = library.listCatalogue({
      filter: 'all',
      sort: 'name',
      limit: 500,
      ...(search ? { search } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) rows.push(...rowsOf(library, item));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

function rowsOf(library: LibraryIndex, item: CatalogueItem): RenditionRow[] {
  const files = library.getFiles(item.uid);
  const upstream = {
    upstream: item.upstream,
    expiresAt: item.expiresAt === null ? null : new Date(item.expiresAt).toISOString(),
  };
  const jobs = library.listJobs({ uid: item.uid }).filter((j) => j.state !== 'removed');
  const kinds = (['default', 'audio'] as const).filter(
    (kind) => files.some((f) => f.role === kind) || jobs.some((j) => j.kind === kind),
  );
  if (kinds.length === 0) {
    const empty = { kind: null, bytes: null, sha256: null, path: null };
    return [{ uid: item.uid, name: item.name, state: 'not saved', ...empty, ...upstream }];
  }
  return kinds.map((kind) => {
    const file = files.find((f) => f.role === kind);
    const job = jobs.find((j) => j.kind === kind);
    const state = file?.status === 'present' ? 'saved' : (job?.state ?? 'missing');
    return {
      uid: item.uid,
      name: item.name,
      kind,
      state,
      bytes: file?.bytes ?? null,
      sha256: file?.sha256 ?? null,
      path: file?.path ?? null,
      ...upstream,
    };
  });
}
