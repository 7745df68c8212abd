import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { DownloadKind } from '../stream/ids';
import { LibraryError, libraryErrors } from './errors';
import type { JobReader, JobWriter } from './interface';
import type { ActiveJobState, Job, JobPatch, JobState, NewJob } from './types';
import { activeJobStates, jobStates } from './types';
import { checkKind, checkUid } from './validate';

interface JobRow {
  uid: string;
  kind: DownloadKind;
  state: JobState;
  resume_state: ActiveJobState | null;
  source: Job['source'];
  source_url: string | null;
  bytes_done: number;
  bytes_total: number | null;
  etag: string | null;
  last_modified: string | null;
  attempts: number;
  next_attempt_at: number | null;
  percent_prepared: number | null;
  error_code: string | null;
  error_message: string | null;
  error_action: string | null;
  created_at: number;
  updated_at: number;
}

const count = z.number().int().nonnegative();
const text = z.string().max(4096);
const PatchSchema = z.strictObject({
  source: z.enum(['api', 'signed_url']).optional(),
  sourceUrl: z.string().url().nullable().optional(),
  bytesDone: count.optional(),
  bytesTotal: count.nullable().optional(),
  etag: text.nullable().optional(),
  lastModified: text.nullable().optional(),
  attempts: count.optional(),
  nextAttemptAt: count.nullable().optional(),
  percentPrepared: z.number().min(0).max(100).nullable().optional(),
  errorCode: text.nullable().optional(),
  errorMessage: text.nullable().optional(),
  errorAction: text.nullable().optional(),
  resumeState: z.enum(activeJobStates).nullable().optional(),
});

const patchColumns: Record<keyof JobPatch, string> = {
  source: 'source',
  sourceUrl: 'source_url',
  bytesDone: 'bytes_done',
  bytesTotal: 'bytes_total',
  etag: 'etag',
  lastModified: 'last_modified',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  percentPrepared: 'percent_prepared',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  errorAction: 'error_action',
  resumeState: 'resume_state',
};

/** How often recordProgress reaches the disk per job: each commit is an fsync (synchronous=FULL). */
const progressWriteIntervalMs = 1000;

function toJob(row: JobRow): Job {
  return {
    uid: row.uid,
    kind: row.kind,
    state: row.state,
    resumeState: row.resume_state,
    source: row.source,
    sourceUrl: row.source_url,
    bytesDone: row.bytes_done,
    bytesTotal: row.bytes_total,
    etag: row.etag,
    lastModified: row.last_modified,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    percentPrepared: row.percent_prepared,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    errorAction: row.error_action,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkState(state: string): JobState {
  if (!(jobStates as readonly string[]).includes(state)) {
    throw libraryErrors.invalid(`job state "${state}"`);
  }
  return state as JobState;
}

/** What leaving `current` for `to` implies for the fields the caller did not set. */

/** The job rows; flushProgress writes what recordProgress held back (on close). */
export function createJobs(db: Database.Database, clock: Clock) {
  const select = db.prepare('SELECT * FROM jobs WHERE uid = ? AND kind = ?');
  const remove = db.prepare('DELETE FROM jobs WHERE uid = ? AND kind = ?');
  const insert = db.prepare(`INSERT INTO jobs (uid, kind, state, source, source_url, created_at,
    updated_at) VALUES (@uid, @kind, 'queued', @source, @source_url, @now, @now)`);
  const progress = db.prepare(`UPDATE jobs SET bytes_done = ?, updated_at = ?
    WHERE uid = ? AND kind = ? AND state = 'downloading'`);
  const list = db.prepare(`SELECT * FROM jobs WHERE (@uid IS NULL OR uid = @uid)
    AND (@all_states OR state IN (SELECT value FROM json_each(@states))) ORDER BY created_at, rowid`);
  const updates = new Map<string, Database.Statement>();
  const pending = new Map<string, { bytesDone: number; writtenAt: number }>();

  const withPending = (row: JobRow): Job => {
    const job = toJob(row);
    const latest = pending.get(`${row.uid}:${row.kind}`);
    if (latest && row.state === 'downloading') job.bytesDone = latest.bytesDone;
    return job;
  };

  const update = (fields: Record<string, unknown>, where: Record<string, unknown>) => {
    const columns = Object.keys(fields).sort();
    const key = columns.join(',');
    let statement = updates.get(key);
    if (!statement) {
      const assignments = columns.map((c) => `${c} = @${c}`).join(', ');
      statement = db.prepare(`UPDATE jobs SET ${assignments}
        WHERE uid = @where_uid AND kind = @where_kind AND state = @where_state`);
      updates.set(key, statement);
    }
    const params: Record<string, unknown> = { ...fields };
    for (const [k, v] of Object.entries(where)) params[`where_${k}`] = v;
    return statement.run(params).changes === 1;
  };

  const flushProgress = () => {
    for (const [key, latest] of pending) {
      const [uid, kind] = key.split(':');
      progress.run(latest.bytesDone, clock.now(), uid, kind);
    }
    pending.clear();
  };

  return {
    createJob(job: NewJob): Job {
      const uid = checkUid(job.uid);
      const kind = checkKind(job.kind);
      const parsed = PatchSchema.pick({ source: true, sourceUrl: true }).safeParse({
        source: job.source,
        sourceUrl: job.sourceUrl ?? null,
      });
      if (!parsed.success || (job.source === 'signed_url' && !job.sourceUrl)) {
        throw libraryErrors.invalid('job source');
      }
      return db
        .transaction(() => {
          const existing = select.get(uid, kind) as JobRow | undefined;
          if (existing && existing.state !== 'removed') {
            throw new LibraryError(
              'job_exists',
              `This video is already in the downloads (${existing.state}); resume or remove it there.`,
            );
          }
          if (existing) remove.run(uid, kind);
          pending.delete(`${uid}:${kind}`);
          insert.run({
            uid,
            kind,
            source: job.source,
            source_url: job.sourceUrl ?? null,
            now: clock.now(),
          });
          return toJob(select.get(uid, kind) as JobRow);
        })
        .immediate();
    },

    getJob(uid: string, kind: DownloadKind): Job | undefined {
      const row = select.get(checkUid(uid), checkKind(kind)) as JobRow | undefined;
      return row ? withPending(row) : undefined;
    },

    listJobs(filter: { states?: readonly JobState[]; uid?: string } = {}): Job[] {
      const states = (filter.states ?? []).map(checkState);
      const uid = filter.uid === undefined ? null : checkUid(filter.uid);
      const rows = list.all({
        uid,
        all_states: filter.states ? 0 : 1,
        states: JSON.stringify(states),
      }) as JobRow[];
      return rows.map(withPending);
    },

    transitionJob(
      uid: string,
      kind: DownloadKind,
      from: readonly JobState[],
      to: JobState,
      patch: JobPatch = {},
    ): boolean {
      checkUid(uid);
      checkKind(kind);
      from.forEach(checkState);
      checkState(to);
      const parsed = PatchSchema.safeParse(patch);
      const explained = patch.errorCode && patch.errorMessage && patch.errorAction;
      if (to === 'failed' && !explained) {
        throw libraryErrors.invalid(
          'failure: a failed job needs errorCode, errorMessage and errorAction',
        );
      }
      if (!parsed.success)
        throw libraryErrors.invalid(`job fields (${parsed.error.issues[0]?.path.join('.')})`);
      return db
        .transaction(() => {
          const current = select.get(uid, kind) as JobRow | undefined;
          if (!current || !from.includes(current.state)) return false;
          const latest = pending.get(`${uid}:${kind}`);
          pending.delete(`${uid}:${kind}`);
          const fields: Record<string, unknown> = {
            state: to,
            updated_at: clock.now(),
          };
          if (latest && current.state === 'downloading') fields.bytes_done = latest.bytesDone;
          for (const [key, value] of Object.entries(parsed.data)) {
            if (value !== undefined) fields[patchColumns[key as keyof JobPatch]] = value;
          }
          return update(fields, { uid, kind, state: current.state });
        })
        .immediate();
    },

    recordProgress(uid: string, kind: DownloadKind, bytesDone: number): void {
      if (!count.safeParse(bytesDone).success) throw libraryErrors.invalid('byte count');
      const key = `${checkUid(uid)}:${checkKind(kind)}`;
      const now = clock.now();
      const last = pending.get(key);
      if (last && now - last.writtenAt < progressWriteIntervalMs) {
        last.bytesDone = bytesDone;
        return;
      }
      progress.run(bytesDone, now, uid, kind);
      pending.set(key, { bytesDone, writtenAt: now });
    },

    flushProgress,
  } satisfies JobReader & JobWriter & { flushProgress(): void };
}
