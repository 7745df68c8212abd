import type { DownloadKind, VideoUid } from '../stream/ids';
import type { VideoState } from '../stream/schemas';

export type { DownloadKind, VideoUid } from '../stream/ids';

/** A remote video as cached for offline browsing, with what the library holds of it. */
export interface CatalogueItem {
  uid: VideoUid;
  name: string;
  created: string;
  duration: number;
  size: number;
  width: number;
  height: number;
  state: VideoState | string;
  readyToStream: boolean;
  requireSignedUrls: boolean;
  thumbnailUrl: string | null;
  fetchedAt: number;
  /** A present default or audio file: playable without the network. */
  offline: boolean;
  /** A job in an active, waiting or paused state. */
  downloading: boolean;
  /** What the account said at the last re-check; 'unknown' when never checked. */
  upstream: UpstreamStatus | 'unknown';
  /** Epoch ms of Cloudflare's scheduledDeletion, the local copy's expiry; null when none. */
  expiresAt: number | null;
}

/** A saved video as the account last described it (issue #14). */
export type UpstreamStatus = 'present' | 'deleted' | 'private';

export interface UpstreamRecord {
  uid: VideoUid;
  status: UpstreamStatus;
  checkedAt: number;
  expiresAt: number | null;
  /** Left out of the catalogue (the upstreamDeleted setting said "hide"). */
  hidden: boolean;
}

/** What one re-check found of one saved video, to be recorded with the rest of its batch. */
export interface UpstreamCheck {
  uid: string;
  status: UpstreamStatus;
  expiresAt: number | null;
}

export interface CatalogueVideo extends CatalogueItem {
  /** The Video object as the API sent it (shape of its day; parse before trusting new fields). */
  raw: unknown;
}

export type CatalogueFilter = 'all' | 'offline' | 'downloading';
export type CatalogueSort = 'newest' | 'name' | 'size';

export interface CatalogueQuery {
  search?: string;
  filter: CatalogueFilter;
  sort: CatalogueSort;
  limit: number;
  /** Opaque; from the previous page's nextCursor, with the same search, filter and sort. */
  cursor?: string;
}

export interface CataloguePage {
  items: CatalogueItem[];
  nextCursor: string | null;
}

export const jobStates = [
  'queued',
  'requesting',
  'preparing',
  'downloading',
  'verifying',
  'complete',
  'waiting',
  'paused',
  'failed',
  'removed',
] as const;
export type JobState = (typeof jobStates)[number];

/** States a job works through; waiting and paused jobs go back to one of these. */
export const activeJobStates = [
  'queued',
  'requesting',
  'preparing',
  'downloading',
  'verifying',
] as const satisfies readonly JobState[];
export type ActiveJobState = (typeof activeJobStates)[number];

/** Jobs whose bytes in .partial are still wanted. */
export const unfinishedJobStates: readonly JobState[] = [...activeJobStates, 'waiting', 'paused'];

export type JobSource = 'api' | 'signed_url';

export interface Job {
  uid: VideoUid;
  kind: DownloadKind;
  state: JobState;
  resumeState: ActiveJobState | null;
  source: JobSource;
  sourceUrl: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  etag: string | null;
  lastModified: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  percentPrepared: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorAction: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewJob {
  uid: string;
  kind: DownloadKind;
  source: JobSource;
  sourceUrl?: string | null;
}

/** Fields a transition may set; `null` clears a field. State and resumeState are derived. */
export type JobPatch = Partial<
  Pick<
    Job,
    | 'source'
    | 'sourceUrl'
    | 'bytesDone'
    | 'bytesTotal'
    | 'etag'
    | 'lastModified'
    | 'attempts'
    | 'nextAttemptAt'
    | 'percentPrepared'
    | 'errorCode'
    | 'errorMessage'
    | 'errorAction'
    | 'resumeState'
  >
>;

export type FileRole = 'default' | 'audio' | 'thumbnail' | 'caption';
export type FileStatus = 'present' | 'missing';

export interface LibraryFile {
  uid: VideoUid;
  role: FileRole;
  /** Caption language; null for every other role. */
  language: string | null;
  /** Relative to the library folder, `/`-separated: `media/<uid>/default.mp4`. */
  path: string;
  bytes: number;
  sha256: string;
  verifiedAt: number;
  status: FileStatus;
}

export interface NewFile {
  uid: string;
  role: FileRole;
  language?: string | null;
  path: string;
  bytes: number;
  sha256: string;
  verifiedAt?: number;
}

export interface PlaybackPosition {
  seconds: number;
  duration: number;
  updatedAt: number;
  /** Epoch ms the video was first watched to the end; null = not yet. */
  finishedAt: number | null;
}

export interface CaptionTrack {
  language: string;
  label: string;
}

export interface StorageUsage {
  /** Bytes of the files present in the library (what the index believes is on disk). */
  bytes: number;
  files: number;
}

/** A video with files on disk: what they take, and when it was watched. */
export interface SavedVideoUse {
  uid: VideoUid;
  name: string;
  /** Bytes of all its present files (video, audio, thumbnail, captions). */
  diskBytes: number;
  /** Epoch ms its playback position was last saved; null = never played. */
  lastWatchedAt: number | null;
  /** Epoch ms it was first watched to the end; null = not yet. */
  finishedAt: number | null;
}

/** 'prepare': Cloudflare's preparing → ready (amount = the video's seconds); 'transfer': bytes. */
export type MeasuredStep = 'prepare' | 'transfer';

export interface DownloadMeasurement {
  amount: number;
  elapsedMs: number;
  recordedAt: number;
}

export type IntegrityResult = { ok: true; problems: [] } | { ok: false; problems: string[] };

export interface ReconcileReport {
  /** Files the index listed that are absent or of the wrong size; now marked missing. */
  missing: Pick<LibraryFile, 'uid' | 'role' | 'language' | 'path'>[];
  /** Entries of .partial that belonged to no unfinished job (names relative to .partial). */
  removedPartials: string[];
  /** .part files of unfinished jobs, left for the queue to resume. */
  keptPartials: string[];
  /** Folders of removed videos (`media/<uid>`) Windows still holds open; tried again next start. */
  heldRemovals: string[];
}

// The index's reader and writer interfaces and LibraryIndex, composed of them.
export type * from './interface';
