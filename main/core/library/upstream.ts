import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Video } from '../stream/schemas';
import { libraryErrors } from './errors';
import type { CatalogueWriter, UpstreamReader, UpstreamWriter } from './interface';
import type { UpstreamCheck, UpstreamRecord, UpstreamStatus } from './types';
import { checkUid } from './validate';

interface UpstreamRow {
  uid: string;
  status: UpstreamStatus;
  checked_at: number;
  expires_at: number | null;
  hidden: number;
}

const statuses: readonly UpstreamStatus[] = ['present', 'deleted', 'private'];

function toRecord(row: UpstreamRow): UpstreamRecord {
  return {
    uid: row.uid,
    status: row.status,
    checkedAt: row.checked_at,
    expiresAt: row.expires_at,
    hidden: row.hidden === 1,
  };
}

/** What the account said of each saved video at the last re-check (migration 0006). */
export function createUpstream(
  db: Database.Database,
  clock: Clock,
  catalogue: Pick<CatalogueWriter, 'upsertCatalogue'>,
) {
  const select = db.prepare('SELECT * FROM upstream WHERE uid = ?');
  // A video seen again on the account is shown again, whatever hid it before.
  const upsert = db.prepare(`INSERT INTO upstream (uid, status, checked_at, expires_at, hidden)
    VALUES (@uid, @status, @checked_at, @expires_at, 0)
    ON CONFLICT (uid) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at,
      expires_at = excluded.expires_at,
      hidden = CASE WHEN excluded.status = 'deleted' THEN upstream.hidden ELSE 0 END`);
  const hide = db.prepare('UPDATE upstream SET hidden = ? WHERE uid = ?');
  // Saved: a video or audio file, present or missing (a missing one is offered again).
  const saved = db.prepare(`SELECT DISTINCT uid FROM files WHERE role IN ('default', 'audio')
    ORDER BY uid`);
  const due = db.prepare(`SELECT * FROM upstream WHERE expires_at IS NOT NULL
    AND expires_at <= ? AND status <> 'deleted' ORDER BY expires_at, uid`);
  const next = db.prepare(`SELECT min(expires_at) FROM upstream WHERE expires_at IS NOT NULL
    AND status <> 'deleted'`);

  const record = (uid: string, status: UpstreamStatus, expiresAt: number | null = null): void => {
    if (!statuses.includes(status)) throw libraryErrors.invalid(`upstream status "${status}"`);
    if (expiresAt !== null && !Number.isSafeInteger(expiresAt)) {
      throw libraryErrors.invalid('expiry time');
    }
    upsert.run({ uid: checkUid(uid), status, checked_at: clock.now(), expires_at: expiresAt });
  };

  return {
    getUpstream(uid: string): UpstreamRecord | undefined {
      const row = select.get(checkUid(uid)) as UpstreamRow | undefined;
      return row ? toRecord(row) : undefined;
    },

    savedVideoUids(): string[] {
      return saved.pluck().all() as string[];
    },

    expiredUpstream(now: number): UpstreamRecord[] {
      return (due.all(now) as UpstreamRow[]).map(toRecord);
    },

    nextUpstreamExpiry(): number | null {
      return (next.pluck().get() as number | null) ?? null;
    },

    recordUpstream: record,

    recordRecheck(videos: readonly Video[], checks: readonly UpstreamCheck[]): void {
      db.transaction(() => {
        catalogue.upsertCatalogue(videos);
        for (const check of checks) record(check.uid, check.status, check.expiresAt);
      })();
    },

    setUpstreamHidden(uid: string, hidden: boolean): boolean {
      return hide.run(hidden ? 1 : 0, checkUid(uid)).changes === 1;
    },
  } satisfies UpstreamReader & UpstreamWriter;
}
