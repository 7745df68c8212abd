import type { Clock } from '../../clock';
import type {
  LibraryIndex,
  UpstreamCheck,
  UpstreamRecord,
  UpstreamStatus,
} from '../../library/index';
import { type LookedUp, type LookupOptions, lookUpVideos } from '../../stream/batch-lookup';
import type { StreamClient } from '../../stream/client';
import type { Video } from '../../stream/schemas';
import type { LibrarySession } from '../library-session';
import { applyDeletedPolicy, type DeletedPolicy } from '../upstream-policy';

export interface RecheckReport {
  /** Saved videos the account answered for. */
  checked: number;
  /** Saved videos left for a later run: the rate budget was needed for downloads. */
  deferred: number;
  deleted: string[];
  madePrivate: string[];
  renamed: { uid: string; from: string; to: string }[];
  /** Videos that now carry a scheduledDeletion date. */
  expiring: string[];
  /** Videos whose local expiry came, treated as deleted. */
  expired: string[];
  policy: DeletedPolicy;
}

export type RecheckOptions = Pick<LookupOptions, 'batchSize' | 'reserve' | 'signal'>;

/**
 * Re-checks every saved video against the account in batches (GET /stream?id=…), inside the
 * client's rate budget: renames reach the catalogue and search, private and scheduledDeletion
 * are recorded, a deletion follows the upstreamDeleted setting; then applies due expiries.
 */
export async function recheckSavedVideos(
  session: LibrarySession,
  stream: StreamClient,
  clock: Clock,
  options: RecheckOptions = {},
): Promise<RecheckReport> {
  const { library } = session;
  const policy = library.getSetting('upstreamDeleted');
  const report: RecheckReport = {
    checked: 0,
    deferred: 0,
    deleted: [],
    madePrivate: [],
    renamed: [],
    expiring: [],
    expired: [],
    policy,
  };
  const uids = library.savedVideoUids();
  for await (const answers of lookUpVideos(stream, uids, options)) {
    const deleted = recordBatch(library, answers, report);
    // After the commit: removing a video awaits its downloads. Applied again at every check.
    for (const uid of deleted) await applyDeletedPolicy(session, uid, policy);
    report.checked += answers.length;
  }
  report.deferred = uids.length - report.checked;
  if (report.deferred === 0) library.setSetting('upstreamCheckedAt', clock.now());
  report.expired = await expireSavedVideos(session, clock);
  return report;
}

/** Treats the saved videos whose scheduledDeletion time has come as deleted upstream. */
export async function expireSavedVideos(session: LibrarySession, clock: Clock): Promise<string[]> {
  const { library } = session;
  const policy = library.getSetting('upstreamDeleted');
  const due = library.expiredUpstream(clock.now());
  // Recorded together (one transaction), then the policy follows video by video, as a re-check.
  const checks = due.map(({ uid, expiresAt }) => ({ uid, status: 'deleted' as const, expiresAt }));
  library.recordRecheck([], checks);
  for (const record of due) await applyDeletedPolicy(session, record.uid, policy);
  return due.map((record) => record.uid);
}

/** One answer with what the library held before it: the name and the last re-check's record. */
interface Seen {
  check: UpstreamCheck;
  name: string | undefined;
  previous: UpstreamRecord | undefined;
}

/**
 * Records one batch of answers in one transaction, so a crash leaves all of it or none, and
 * notes in the report what changed; answers the uids deleted upstream, for the policy to follow.
 */
function recordBatch(
  library: LibraryIndex,
  answers: readonly LookedUp[],
  report: RecheckReport,
): string[] {
  const seen: Seen[] = answers.map((answer) => {
    const previous = library.getUpstream(answer.uid);
    const name = library.getVideo(answer.uid)?.name;
    return { check: checkOf(answer, previous), name, previous };
  });
  const checks = seen.map(({ check }) => check);
  const present = answers.flatMap(({ video }) => (video === null ? [] : [video]));
  // A rename changes the name column and its search text in the same upsert (FTS follows by trigger).
  library.recordRecheck(present, checks);
  for (const one of seen) noteChange(library, report, one);
  return checks.filter((check) => check.status === 'deleted').map((check) => check.uid);
}

function checkOf({ uid, video }: LookedUp, previous: UpstreamRecord | undefined): UpstreamCheck {
  // A deleted video keeps the expiry it had.
  if (video === null) return { uid, status: 'deleted', expiresAt: previous?.expiresAt ?? null };
  const status: UpstreamStatus = video.requireSignedURLs ? 'private' : 'present';
  return { uid, status, expiresAt: expiryOf(video) };
}

function noteChange(library: LibraryIndex, report: RecheckReport, seen: Seen): void {
  const { check, name, previous } = seen;
  const { uid, status, expiresAt } = check;
  if (status === 'deleted') {
    if (previous?.status !== 'deleted') report.deleted.push(uid);
    return;
  }
  const renamed = library.getVideo(uid)?.name;
  if (name !== undefined && renamed !== undefined && name !== renamed) {
    report.renamed.push({ uid, from: name, to: renamed });
  }
  if (status === 'private' && previous?.status !== 'private') report.madePrivate.push(uid);
  if (expiresAt !== null && previous?.expiresAt !== expiresAt) report.expiring.push(uid);
}

function expiryOf(video: Video): number | null {
  if (!video.scheduledDeletion) return null;
  const at = Date.parse(video.scheduledDeletion);
  return Number.isFinite(at) ? at : null;
}
