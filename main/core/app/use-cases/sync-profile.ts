import type { Clock } from '../../clock';
import type { DownloadKind, Job } from '../../library/index';
import type { StreamClient } from '../../stream/client';
import type { Video } from '../../stream/schemas';
import { AppError, appErrors } from '../errors';
import { noPolicy, type Policy } from '../fleet/policy';
import { type LibraryProfile, type ProfileFilter, readProfile } from '../fleet/profile';
import { type LastSync, writeStatusReport } from '../fleet/status-report';
import type { LibrarySession } from '../library-session';
import { problemOf } from '../problems';
import { applyProfileSettings } from '../settings';
import { listAccountVideos } from './list-account-videos';
import { downloadsSettled } from './list-downloads';
import { listRenditions } from './list-renditions';
import { removeVideo } from './remove-video';
import { startDownload } from './start-download';

/** One rendition the profile wants, and where it stands after the sync. */
export interface SyncItem {
  uid: string;
  kind: DownloadKind;
  /** `saved`, or the job's state (`failed`, `paused`, …), or `not_found` on the account. */
  state: string;
  code?: string;
  message?: string;
}

export interface SyncReport {
  ok: boolean;
  profileVersion: number;
  /** Renditions saved by this run (0 when the library already held everything). */
  downloaded: number;
  /** Videos taken off the machine because the profile no longer lists them. */
  removed: number;
  /** Saved videos the profile does not list, left in place (`"unlisted": "keep"`). */
  kept: number;
  items: SyncItem[];
  failed: SyncItem[];
  /** Settings the profile sets that the policy locks: the policy's value stays. */
  lockedByPolicy: string[];
}

export interface SyncContext {
  policy: Policy;
  appVersion: string;
  clock: Clock;
  /** Values to cut out of the sentences the report keeps. */
  secrets: readonly string[];
  /** Stops waiting for the downloads (they stay queued; the next sync waits for them again). */
  signal?: AbortSignal;
}

/**
 * What the app's timer and `offstream sync` run: reads the profile, converges, and writes the
 * status report either way. A profile that cannot be used throws before anything changes; the
 * report then says why.
 */
export async function syncProfileFile(
  session: LibrarySession,
  stream: StreamClient | undefined,
  file: string,
  context: SyncContext,
): Promise<SyncReport> {
  const at = new Date(context.clock.now()).toISOString();
  const report = (lastSync: LastSync) =>
    writeStatusReport(session.library, { ...context, profile: file, lastSync });
  try {
    const profile = await readProfile(file);
    const result = await syncProfile(session, stream, profile, context.policy, context.signal);
    const { ok, profileVersion, downloaded, removed, items } = result;
    await report({ at, ok, profileVersion, downloaded, removed, items });
    return result;
  } catch (error) {
    // Stopped by the app closing: not an outcome to report, the next start syncs again.
    if (context.signal?.aborted) throw error;
    const { code, message } = problemOf(error, context.secrets);
    const empty = { profileVersion: null, downloaded: 0, removed: 0, items: [] };
    await report({ at, ok: false, ...empty, error: { code, message } }).catch(() => {});
    throw error;
  }
}

/**
 * Converges the library to a profile: looks up the videos it names or filters, saves what is
 * missing and waits for those downloads, removes what it no longer lists when told to, then
 * writes the kiosk playlist, schedule and download window. Running it again changes nothing.
 * Every lookup happens before anything is saved or removed, so a failing account leaves the
 * library's videos as they were (only the catalogue learns what the lookups found).
 */
export async function syncProfile(
  session: LibrarySession,
  stream: StreamClient | undefined,
  profile: LibraryProfile,
  policy: Policy = noPolicy(),
  signal?: AbortSignal,
): Promise<SyncReport> {
  const { wanted, notFound } = await wantedVideos(session, stream, profile);
  const targets = wanted.flatMap((uid) => profile.kinds.map((kind) => ({ uid, kind })));
  const missing = targets.filter((t) => !isSaved(session, t.uid, t.kind));
  for (const target of missing) startDownload(session, target);
  const jobs = await untilAborted(downloadsSettled(session, missing), signal);
  const wantedSet = new Set(wanted);
  const unlisted = heldVideos(session).filter((uid) => !wantedSet.has(uid));
  const pinned = playedByPolicy(policy);
  const removed = profile.unlisted === 'remove' ? unlisted.filter((uid) => !pinned.has(uid)) : [];
  for (const uid of removed) await removeVideo(session, uid);
  const lockedByPolicy = applyProfileSettings(
    session.library,
    settingsOf(session, profile, wanted, removed),
    policy,
  );
  const items = [
    ...targets.map((t) => itemOf(session, t.uid, t.kind, jobs)),
    ...notFound.flatMap((uid) => profile.kinds.map((kind) => notFoundItem(uid, kind))),
  ];
  const failed = items.filter((item) => item.state !== 'saved');
  return {
    ok: failed.length === 0,
    profileVersion: profile.version,
    // Saved now, by a job of this run: a "complete" job whose file went missing does not count.
    downloaded: jobs.filter((job) => isSaved(session, job.uid, job.kind)).length,
    removed: removed.length,
    kept: unlisted.length - removed.length,
    items,
    failed,
    lockedByPolicy,
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const stopped = () =>
    new AppError(
      'cancelled',
      'The sync stopped before its downloads finished; the next one continues them.',
    );
  if (signal.aborted) return Promise.reject(stopped());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The uids to hold, in the profile's order (named first, then the filter's), and unknown names. */
async function wantedVideos(
  session: LibrarySession,
  stream: StreamClient | undefined,
  profile: LibraryProfile,
): Promise<{ wanted: string[]; notFound: string[] }> {
  const named = [...new Set(profile.videos)];
  const unknown = named.filter((uid) => !session.library.getVideo(uid));
  if ((unknown.length > 0 || profile.filter) && !stream) throw appErrors.noAccount();
  if (stream) {
    for (let i = 0; i < unknown.length; i += 1000) {
      await listAccountVideos(session, stream, { ids: unknown.slice(i, i + 1000) });
    }
  }
  const filtered =
    profile.filter && stream ? await filteredVideos(session, stream, profile.filter) : [];
  const known = named.filter((uid) => session.library.getVideo(uid));
  const wanted = [...new Set([...known, ...filtered.map((video) => video.uid)])];
  return { wanted, notFound: named.filter((uid) => !known.includes(uid)) };
}

/** Cloudflare filters by name and creator; `meta` pairs are matched here (the API cannot). */
async function filteredVideos(
  session: LibrarySession,
  stream: StreamClient,
  filter: ProfileFilter,
): Promise<Video[]> {
  const videos = await listAccountVideos(session, stream, {
    status: 'ready',
    ...(filter.search ? { search: filter.search } : {}),
    ...(filter.creator ? { creator: filter.creator } : {}),
  });
  const pairs = Object.entries(filter.meta ?? {});
  return videos
    .filter((video) => pairs.every(([key, value]) => video.meta[key] === value))
    .sort((a, b) => a.created.localeCompare(b.created));
}

function isSaved(session: LibrarySession, uid: string, kind: DownloadKind): boolean {
  return session.library.getFiles(uid).some((f) => f.role === kind && f.status === 'present');
}

/**
 * Videos the IT policy has the kiosk play (its playlist, its windows' own lists): a profile's
 * clean-up never takes them away from under a kiosk whose content is locked.
 */
function playedByPolicy(policy: Policy): Set<string> {
  const { kioskPlaylist, kioskSchedule } = policy.values;
  const ownLists = (kioskSchedule?.windows ?? []).flatMap((window) => window.playlist ?? []);
  return new Set([...(kioskPlaylist ?? []), ...ownLists]);
}

/** Videos the machine holds bytes of, or is fetching. */
function heldVideos(session: LibrarySession): string[] {
  const held = listRenditions(session).filter((row) => row.state !== 'not saved');
  return [...new Set(held.map((row) => row.uid))];
}

function settingsOf(
  session: LibrarySession,
  profile: LibraryProfile,
  wanted: string[],
  removed: string[],
) {
  const { kiosk, downloadWindow } = profile;
  const kioskPlaylist = playlistOf(session, profile, wanted, removed);
  return {
    ...(kioskPlaylist !== undefined ? { kioskPlaylist } : {}),
    ...(kiosk?.schedule !== undefined ? { kioskSchedule: kiosk.schedule } : {}),
    ...(downloadWindow !== undefined ? { downloadWindow } : {}),
  };
}

/**
 * The profile's kiosk playlist; without a kiosk section the machine's own, rewritten only when
 * the sync removed some of its videos (undefined: left as it is).
 */
function playlistOf(
  session: LibrarySession,
  profile: LibraryProfile,
  wanted: string[],
  removed: string[],
): string[] | undefined {
  if (profile.kiosk) return profile.kiosk.playlist ?? wanted;
  const current = session.library.getSetting('kioskPlaylist');
  const pruned = current.filter((uid) => !removed.includes(uid));
  return pruned.length < current.length ? pruned : undefined;
}

function itemOf(session: LibrarySession, uid: string, kind: DownloadKind, jobs: Job[]): SyncItem {
  if (isSaved(session, uid, kind)) return { uid, kind, state: 'saved' };
  const job =
    jobs.find((j) => j.uid === uid && j.kind === kind) ?? session.library.getJob(uid, kind);
  return {
    uid,
    kind,
    state: job?.state ?? 'missing',
    ...(job?.errorCode ? { code: job.errorCode } : {}),
    ...(job?.errorMessage ? { message: job.errorMessage } : {}),
  };
}

function notFoundItem(uid: string, kind: DownloadKind): SyncItem {
  const message = 'The Cloudflare account has no such video.';
  return { uid, kind, state: 'not_found', code: 'video_not_found', message };
}
