import type { DownloadKind } from '../stream/ids';
import type { Video } from '../stream/schemas';
import type { PendingRemovals } from './pending-removals';
import type { SettingKey, SettingValue } from './settings-schema';
import type {
  CaptionTrack,
  CataloguePage,
  CatalogueQuery,
  CatalogueVideo,
  DownloadMeasurement,
  FileRole,
  FileStatus,
  IntegrityResult,
  Job,
  JobPatch,
  JobState,
  LibraryFile,
  MeasuredStep,
  NewFile,
  NewJob,
  PlaybackPosition,
  ReconcileReport,
  SavedVideoUse,
  StorageUsage,
  UpstreamCheck,
  UpstreamRecord,
  UpstreamStatus,
} from './types';

/*
 * The library index, one reader and one writer per area (the shape of Signal-Desktop's
 * DataReader/DataWriter): a caller that only reads can ask for a reader, and each method is
 * declared once, here, and implemented once, in the area's file (catalogue.ts, jobs.ts, …).
 * library-index.ts composes them by name.
 */

export interface CatalogueReader {
  listCatalogue(query: CatalogueQuery): CataloguePage;
  getVideo(uid: string): CatalogueVideo | undefined;
}

export interface CatalogueWriter {
  upsertCatalogue(videos: readonly Video[]): void;
  /** Drops catalogue rows not refreshed since `fetchedBefore` that have no files and no jobs. */
  pruneCatalogue(fetchedBefore: number): number;
}

export interface JobReader {
  getJob(uid: string, kind: DownloadKind): Job | undefined;
  /** Oldest first (creation order), so the queue can serve jobs first come, first served. */
  listJobs(filter?: { states?: readonly JobState[]; uid?: string }): Job[];
}

export interface JobWriter {
  /** Throws `job_exists` unless the (uid, kind) has no job or only a removed one (replaced). */
  createJob(job: NewJob): Job;
  /**
   * Persists a move the job lifecycle (queue/job-lifecycle.ts) decided: the new state and the
   * fields it set, if the job is still in one of `from` (compare and set); false when it is not
   * (another actor moved it) or the job does not exist. Decides nothing itself.
   */
  transitionJob(
    uid: string,
    kind: DownloadKind,
    from: readonly JobState[],
    to: JobState,
    patch?: JobPatch,
  ): boolean;
  /** Cheap: written at most once a second per job; getJob/listJobs always see the latest. */
  recordProgress(uid: string, kind: DownloadKind, bytesDone: number): void;
}

export interface FileReader {
  getFiles(uid: string): LibraryFile[];
  /** Every file row, optionally only those of one status (reconcile, export). */
  listFiles(filter?: { status?: FileStatus }): LibraryFile[];
  storageUsage(): StorageUsage;
}

export interface FileWriter {
  /** Adds or replaces the file of (uid, role, language). */
  addFile(file: NewFile): LibraryFile;
  markFileMissing(uid: string, role: FileRole, language?: string | null): boolean;
  /** Deletes media/<uid>/ from disk, then its rows; returns the rows removed. */
  removeVideoFiles(uid: string): LibraryFile[];
}

export interface PlaybackReader {
  getPosition(uid: string): PlaybackPosition | undefined;
  getCaptions(uid: string): CaptionTrack[];
}

export interface PlaybackWriter {
  savePosition(uid: string, seconds: number, duration: number): void;
  setCaptions(uid: string, captions: readonly CaptionTrack[]): void;
}

export interface StorageReader {
  /** Every video with present files, largest first. */
  listSavedVideos(): SavedVideoUse[];
  /** Bytes the unfinished jobs other than (uid, kind) already hold in .partial. */
  bytesHeldByOtherJobs(uid: string, kind: DownloadKind): number;
  /** Bytes every unfinished job holds in its `.part`. */
  bytesHeldByJobs(): number;
  /** The latest measurements of a step, newest first. */
  listMeasurements(step: MeasuredStep, limit: number): DownloadMeasurement[];
}

export interface StorageWriter {
  recordMeasurement(
    uid: string,
    kind: DownloadKind,
    step: MeasuredStep,
    amount: number,
    elapsedMs: number,
  ): void;
}

export interface SettingsReader {
  getSetting<K extends SettingKey>(key: K): SettingValue<K>;
}

export interface SettingsWriter {
  setSetting<K extends SettingKey>(key: K, value: SettingValue<K>): void;
}

export interface UpstreamReader {
  /** What the last re-check against the account found; undefined when never checked. */
  getUpstream(uid: string): UpstreamRecord | undefined;
  /** Uids of the videos the library holds a video or audio file of (present or missing). */
  savedVideoUids(): string[];
  /** Videos whose scheduledDeletion time has come and that are not yet treated as deleted. */
  expiredUpstream(now: number): UpstreamRecord[];
  /** The earliest expiry still ahead (epoch ms); null when none. */
  nextUpstreamExpiry(): number | null;
}

export interface UpstreamWriter {
  /** Records a re-check's answer; present or private shows a hidden video again. */
  recordUpstream(uid: string, status: UpstreamStatus, expiresAt?: number | null): void;
  /**
   * Records one re-check batch in one transaction, all of it or none: the videos the account
   * still has reach the catalogue (a rename with its search text), then every check's status.
   */
  recordRecheck(videos: readonly Video[], checks: readonly UpstreamCheck[]): void;
  /** Hides a video from the catalogue (or shows it); false when it was never checked. */
  setUpstreamHidden(uid: string, hidden: boolean): boolean;
}

/** Where the library is on disk, and its checks. */
export interface LibraryFolder {
  readonly folder: string;
  /** What the reconcile at open found and did. */
  readonly reconcileReport: ReconcileReport;
  /** Folders of removed videos that Windows held open, removed later (pending-removals.ts). */
  readonly pendingRemovals: Pick<PendingRemovals, 'sweep' | 'list' | 'settled'>;
  /** Absolute path of a stored relative path, refusing anything outside the library. */
  resolvePath(relativePath: string): string;
  integrityCheck(): IntegrityResult;
}

/** Everything that reads the index and changes nothing. */
export interface LibraryReader
  extends LibraryFolder,
    CatalogueReader,
    JobReader,
    FileReader,
    PlaybackReader,
    StorageReader,
    SettingsReader,
    UpstreamReader {}

export interface LibraryWriter
  extends CatalogueWriter,
    JobWriter,
    FileWriter,
    PlaybackWriter,
    StorageWriter,
    SettingsWriter,
    UpstreamWriter {
  /** Runs fn in one transaction (nested calls become savepoints); rolls back if fn throws. */
  transaction<T>(fn: () => T): T;
}

/** The local library index. Every SQL statement of the app lives behind this interface. */
export interface LibraryIndex extends LibraryReader, LibraryWriter {
  close(): void;
}
