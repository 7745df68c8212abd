import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../atomic-file';
import type { Clock } from '../../clock';
import type { LibraryIndex } from '../../library/index';
import { statusReportPath } from '../../library/paths';
import { volumeFreeBytes } from '../../transfer/transfer';

export const SyncItemReport = z.object({
  uid: z.string(),
  kind: z.string(),
  state: z.string(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** The outcome of the last sync, kept across restarts (read back from the previous report). */
export const LastSync = z.object({
  at: z.string(),
  ok: z.boolean(),
  profileVersion: z.number().nullable(),
  downloaded: z.number(),
  removed: z.number(),
  items: z.array(SyncItemReport),
  /** Why the sync did not run (profile unreadable or invalid, no account…). */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type LastSync = z.infer<typeof LastSync>;

export interface StatusReport {
  format: 1;
  appVersion: string;
  writtenAt: string;
  /** The managed profile's file, when one is configured. */
  profile: string | null;
  lastSync: LastSync | null;
  freeBytes: number | null;
  restarts: { total: number; last24Hours: number; byCause: Record<string, number> };
}

/** The last sync of the report already on disk, or null when there is none (or it is damaged). */
export async function previousSync(library: LibraryIndex): Promise<LastSync | null> {
  try {
    const json = JSON.parse(await readFile(statusReportPath(library.folder), 'utf8'));
    return LastSync.parse(json.lastSync);
  } catch {
    return null;
  }
}

/** Writes the report atomically: a collector never reads half of one. */
export async function writeStatusReport(
  library: LibraryIndex,
  facts: { appVersion: string; profile: string | null; lastSync: LastSync | null; clock: Clock },
): Promise<StatusReport> {
  const now = facts.clock.now();
  const report: StatusReport = {
    format: 1,
    appVersion: facts.appVersion,
    writtenAt: new Date(now).toISOString(),
    profile: facts.profile,
    lastSync: facts.lastSync,
    freeBytes: await volumeFreeBytes(library.folder).catch(() => null),
    restarts: restartsOf(library, now),
  };
  await writeFileAtomic(statusReportPath(library.folder), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

const dayMs = 24 * 60 * 60 * 1000;

function restartsOf(library: LibraryIndex, now: number): StatusReport['restarts'] {
  const log = library.getSetting('restartLog');
  const byCause: Record<string, number> = {};
  for (const entry of log) byCause[entry.what] = (byCause[entry.what] ?? 0) + 1;
  const last24Hours = log.filter((entry) => entry.at > now - dayMs).length;
  return { total: log.length, last24Hours, byCause };
}
