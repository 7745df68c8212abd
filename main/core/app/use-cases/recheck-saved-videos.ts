import type { Clock } from '../../clock';
import type { UpstreamStatus } from '../../library/index';
import { type LookupOptions, lookUpVideos } from '../../stream/batch-lookup';
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
    for (const { uid, video } of answers) {
      if (video === null) await recordDeletion(session, uid, policy, report);
      else recordPresence(session, video, report);
      report.checked += 1;
    }
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
  for (const record of due) {
    library.recordUpstream(record.uid, 'deleted', record.expiresAt);
    await applyDeletedPolicy(session, record.uid, policy);
  }
  return due.map((record) => record.uid);
}

async function recordDeletion(
  session: LibrarySession,
  uid: string,
  policy: DeletedPolicy,
  report: RecheckReport,
): Promise<void> {
  const before = session.library.getUpstream(uid);
  session.library.recordUpstream(uid, 'deleted', before?.expiresAt ?? null);
  await applyDeletedPolicy(session, uid, policy);
  if (before?.status !== 'deleted') report.deleted.push(uid);
}

function recordPresence(session: LibrarySession, video: Video, report: RecheckReport): void {
  const { library } = session;
  const before = library.getVideo(video.uid);
  const previous = library.getUpstream(video.uid);
  // A rename changes the name column and its search text in one upsert (FTS follows by trigger).
  library.upsertCatalogue([video]);
  const after = library.getVideo(video.uid);
  if (before && after && before.name !== after.name) {
    report.renamed.push({ uid: video.uid, from: before.name, to: after.name });
  }
  const status: UpstreamStatus = video.requireSignedURLs ? 'private' : 'present';
  if (status === 'private' && previous?.status !== 'private') report.madePrivate.push(video.uid);
  const expiresAt = expiryOf(video);
  if (expiresAt !== null && previous?.expiresAt !== expiresAt) report.expiring.push(video.uid);
  library.recordUpstream(video.uid, status, expiresAt);
}

function expiryOf(video: Video): number | null {
  if (!video.scheduledDeletion) return null;
  const at = Date.parse(video.scheduledDeletion);
  return Number.isFinite(at) ? at : null;
}
