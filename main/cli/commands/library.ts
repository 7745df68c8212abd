import type { Command } from 'commander';
import {
  type CatalogueItem,
  type DownloadKind,
  type LibraryIndex,
  openLibrary,
} from '../../core/library/index';
import { resolveConfig } from '../config';
import { EXIT_OK } from '../exit-codes';
import { cliLogger } from '../session';
import { terminalText } from '../terminal-text';

export interface LibraryRow {
  uid: string;
  name: string;
  kind: DownloadKind | null;
  /** `saved` when the file is present, else the job's state, `missing`, or `not saved`. */
  state: string;
  bytes: number | null;
  sha256: string | null;
  /** Relative to the library folder. */
  path: string | null;
}

/** Left-aligned columns two spaces apart, with a header row; every cell safe for a terminal. */
export function formatTable(
  headers: readonly string[],
  cells: readonly (readonly string[])[],
): string {
  const rows = cells.map((row) => row.map((cell) => terminalText(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** One row per rendition the library holds or is fetching; one for a video it only lists. */
function rowsOf(library: LibraryIndex, item: CatalogueItem): LibraryRow[] {
  const files = library.getFiles(item.uid);
  const jobs = library.listJobs({ uid: item.uid }).filter((j) => j.state !== 'removed');
  const kinds = (['default', 'audio'] as const).filter(
    (kind) => files.some((f) => f.role === kind) || jobs.some((j) => j.kind === kind),
  );
  if (kinds.length === 0) {
    const empty = { kind: null, bytes: null, sha256: null, path: null };
    return [{ uid: item.uid, name: item.name, state: 'not saved', ...empty }];
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
    };
  });
}

export function libraryRows(library: LibraryIndex, search?: string): LibraryRow[] {
  const rows: LibraryRow[] = [];
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

/** `offstream library`: what the local catalogue lists and holds; needs no account. */
export function registerLibraryCommand(program: Command): void {
  program
    .command('library')
    .description('list the local catalogue: saved files with their sizes, hashes and paths')
    .option('--search <words>', 'only videos whose name matches')
    .option('--json', 'print one JSON document')
    .action((options: { search?: string; json?: boolean }) => {
      const config = resolveConfig(program.opts());
      const library = openLibrary(config.library, { logger: cliLogger(config) });
      try {
        const rows = libraryRows(library, options.search);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ library: library.folder, videos: rows })}\n`);
        } else {
          const headers = ['UID', 'NAME', 'KIND', 'STATE', 'BYTES', 'SHA256', 'PATH'];
          const cells = rows.map((r) => [
            r.uid,
            r.name,
            r.kind ?? '-',
            r.state,
            r.bytes === null ? '-' : String(r.bytes),
            r.sha256 ?? '-',
            r.path ?? '-',
          ]);
          process.stdout.write(formatTable(headers, cells));
        }
      } finally {
        library.close();
      }
      process.exitCode = EXIT_OK;
    });
}
