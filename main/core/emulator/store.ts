import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../clock';
import type { DownloadKind } from '../stream/ids';
import { fileMediaSource, reviseMedia } from './media-source';
import { type SampleVideo, samplesDir, sampleVideos } from './samples/catalog';
import { syntheticMediaSource } from './synthetic-mp4';
import type { EmulatedDownload, EmulatedVideo } from './types';

/** Bookkeeping the API shows but the delivery side never needs. */
export interface VideoRecord {
  meta: Record<string, unknown>;
  /** Cloudflare's `creator` (≤64 characters), set through the edit call; the list filters on it. */
  creator?: string | null;
  size: number;
  modified: string;
  uploaded: string;
  readyAt: string | null;
  allowedOrigins: string[];
  thumbnailTimestampPct: number;
  /** RFC 3339 time Cloudflare will delete the video at; null when none is scheduled. */
  scheduledDeletion: string | null;
  /** Clock time when clock-driven processing started; set only while it runs. */
  processingFrom?: number;
}

export interface StoreOptions {
  clock: Clock;
  preparationMs: number;
  processingMs: number;
}

export type DownloadRequest =
  | { outcome: 'created' | 'existing'; download: EmulatedDownload }
  | { outcome: 'not-found' | 'not-ready' | 'errored' };

/** Fixed uids of the two non-sample demo videos. */
export const processingVideoUid = 'e5c3a4b8f6d7429dbe4f5a6b7c8d9e0f';
export const erroredVideoUid = 'f6d4b5c9a7e8430ecf5a6b7c8d9e0f1a';

/**
 * The emulated account's videos and their download lifecycles. Progress is a function of the
 * clock; `refresh()` brings the live objects up to date and runs before every request.
 */
export class VideoStore {
  readonly videos = new Map<string, EmulatedVideo>();
  private readonly records = new Map<string, VideoRecord>();
  private sequence = 0;
  private synthetic = 0;

  constructor(private readonly options: StoreOptions) {}

  record(uid: string): VideoRecord | undefined {
    return this.records.get(uid);
  }

  loadSamples(): void {
    for (const sample of sampleVideos) this.addSample(sample);
    const donor = sampleVideos[0];
    if (donor === undefined) return;
    this.addProcessingVideo(donor);
    this.addErroredVideo();
  }

  refresh(): void {
    const now = this.options.clock.now();
    // Cloudflare deletes a video once its scheduledDeletion time has come.
    for (const [uid, record] of this.records) {
      const at =
        record.scheduledDeletion === null ? Number.NaN : Date.parse(record.scheduledDeletion);
      if (at <= now) this.deleteVideo(uid);
    }
    for (const video of this.videos.values()) {
      this.advanceProcessing(video, now);
      for (const download of Object.values(video.downloads)) {
        if (download.status === 'inprogress' && this.elapsed(download, now) >= 1) {
          download.status = 'ready';
        }
      }
    }
  }

  /** 0..100 with one decimal, as Cloudflare reports it (a number, unlike pctComplete). */
  percentComplete(download: EmulatedDownload): number {
    if (download.status === 'ready') return 100;
    if (download.status === 'error') return 0;
    const fraction = Math.min(1, this.elapsed(download, this.options.clock.now()));
    return Math.round(fraction * 1000) / 10;
  }

  requestDownload(uid: string, kind: DownloadKind): DownloadRequest {
    const video = this.videos.get(uid);
    if (video === undefined) return { outcome: 'not-found' };
    if (video.state === 'error') return { outcome: 'errored' };
    if (video.state !== 'ready') return { outcome: 'not-ready' };
    const existing = video.downloads[kind];
    if (existing !== undefined) return { outcome: 'existing', download: existing };
    // A rendition the media lacks (a synthetic video has no audio) fails to generate.
    const status = video.media[kind] === undefined ? 'error' : 'inprogress';
    const download: EmulatedDownload = { status, startedAt: this.options.clock.now() };
    video.downloads[kind] = download;
    this.refresh();
    return { outcome: 'created', download };
  }

  deleteDownload(uid: string, kind: DownloadKind): boolean {
    const video = this.videos.get(uid);
    if (video?.downloads[kind] === undefined) return false;
    delete video.downloads[kind];
    return true;
  }

  deleteVideo(uid: string): boolean {
    this.records.delete(uid);
    return this.videos.delete(uid);
  }

  edit(
    uid: string,
    changes: {
      meta?: Record<string, unknown>;
      creator?: string | null;
      requireSignedURLs?: boolean;
      allowedOrigins?: string[];
      thumbnailTimestampPct?: number;
      scheduledDeletion?: string | null;
    },
  ): void {
    const video = this.videos.get(uid);
    const record = this.records.get(uid);
    if (video === undefined || record === undefined) return;
    if (changes.meta !== undefined) {
      const { name, ...rest } = changes.meta;
      if (typeof name === 'string') video.name = name;
      record.meta = { ...record.meta, ...rest };
    }
    if (changes.creator !== undefined) record.creator = changes.creator;
    if (changes.requireSignedURLs !== undefined)
      video.requireSignedURLs = changes.requireSignedURLs;
    if (changes.allowedOrigins !== undefined) record.allowedOrigins = changes.allowedOrigins;
    if (changes.thumbnailTimestampPct !== undefined) {
      record.thumbnailTimestampPct = changes.thumbnailTimestampPct;
    }
    if (changes.scheduledDeletion !== undefined) {
      record.scheduledDeletion = changes.scheduledDeletion;
    }
    record.modified = this.nowStamp();
  }

  addSyntheticVideo(options: { size: number; name?: string; requireSignedURLs?: boolean }): string {
    const seed = ++this.synthetic;
    const uid = syntheticUid(seed, this.options.clock.now());
    const media = syntheticMediaSource({ size: options.size, seed });
    const created = this.nowStamp();
    this.insert(
      {
        uid,
        name: options.name ?? `Synthetic ${seed}`,
        created,
        duration: Math.max(1, Math.round(media.size / 250_000)),
        width: 1280,
        height: 720,
        state: 'ready',
        pctComplete: '100.000000',
        errorReasonCode: '',
        errorReasonText: '',
        requireSignedURLs: options.requireSignedURLs ?? false,
        media: { default: media },
        thumbnail: sampleThumbnail(sampleVideos[0]),
        captions: [],
        downloads: {},
      },
      { filename: `synthetic-${seed}.mp4`, size: media.size, readyAt: created },
    );
    return uid;
  }

  setVideoState(
    uid: string,
    state: EmulatedVideo['state'],
    error?: { code: string; text: string },
  ): void {
    const { video, record } = this.require(uid);
    video.state = state;
    video.errorReasonCode = state === 'error' ? (error?.code ?? 'ERR_UNKNOWN') : '';
    video.errorReasonText = state === 'error' ? (error?.text ?? 'Unknown error') : '';
    // `inprogress` restarts clock-driven encoding; any other state is pinned until changed.
    record.processingFrom = state === 'inprogress' ? this.options.clock.now() : undefined;
    video.pctComplete = state === 'ready' ? '100.000000' : '0.000000';
    if (state === 'ready' && record.readyAt === null) record.readyAt = this.nowStamp();
    if (state !== 'ready') record.readyAt = null;
    record.modified = this.nowStamp();
  }

  finishDownloads(uid?: string): void {
    for (const video of this.videos.values()) {
      if (uid !== undefined && video.uid !== uid) continue;
      for (const download of Object.values(video.downloads)) {
        if (download.status === 'inprogress') download.status = 'ready';
      }
    }
  }

  failDownload(uid: string, kind: DownloadKind): void {
    const { video } = this.require(uid);
    const download = video.downloads[kind];
    if (download === undefined) {
      video.downloads[kind] = { status: 'error', startedAt: this.options.clock.now() };
    } else {
      download.status = 'error';
    }
  }

  replaceMedia(uid: string, kind: DownloadKind): void {
    const { video } = this.require(uid);
    const current = video.media[kind];
    if (current === undefined) throw new Error(`video ${uid} has no ${kind} media to replace`);
    video.media[kind] = reviseMedia(current);
  }

  private require(uid: string): { video: EmulatedVideo; record: VideoRecord } {
    const video = this.videos.get(uid);
    const record = this.records.get(uid);
    if (video === undefined || record === undefined) throw new Error(`no video ${uid}`);
    return { video, record };
  }

  private elapsed(download: EmulatedDownload, now: number): number {
    if (this.options.preparationMs <= 0) return 1;
    return (now - download.startedAt) / this.options.preparationMs;
  }

  private advanceProcessing(video: EmulatedVideo, now: number): void {
    const record = this.records.get(video.uid);
    if (record?.processingFrom === undefined || video.state !== 'inprogress') return;
    const span = Math.max(1, this.options.processingMs);
    const fraction = (now - record.processingFrom) / span;
    if (fraction < 1) {
      video.pctComplete = (Math.max(0, fraction) * 100).toFixed(6);
      return;
    }
    video.state = 'ready';
    video.pctComplete = '100.000000';
    record.readyAt = new Date(record.processingFrom + span).toISOString();
    record.modified = record.readyAt;
    record.processingFrom = undefined;
  }

  private addSample(sample: SampleVideo): void {
    const base = join(samplesDir, sample.file);
    const media = fileMediaSource(`${base}.mp4`, 'video/mp4');
    this.insert(
      {
        uid: sample.uid,
        name: sample.name,
        created: sample.created,
        duration: sample.duration,
        width: sample.width,
        height: sample.height,
        state: 'ready',
        pctComplete: '100.000000',
        errorReasonCode: '',
        errorReasonText: '',
        requireSignedURLs: sample.requireSignedURLs,
        media: { default: media, audio: fileMediaSource(`${base}.m4a`, 'audio/mp4') },
        thumbnail: sampleThumbnail(sample),
        captions: sample.captions.map((c) => ({
          ...c,
          vtt: readFileSync(`${base}.${c.language}.vtt`, 'utf8'),
        })),
        downloads: {},
      },
      { filename: `${sample.file}.mp4`, size: media.size, readyAt: sample.created },
    );
  }

  /** Still encoding when the emulator starts; ready `processingMs` later. */
  private addProcessingVideo(donor: SampleVideo): void {
    const media = this.videos.get(donor.uid)?.media ?? {};
    this.insert(
      {
        uid: processingVideoUid,
        name: 'Product Launch (still processing)',
        created: '2026-09-02T10:15:42.204518Z',
        duration: donor.duration,
        width: donor.width,
        height: donor.height,
        state: 'inprogress',
        pctComplete: '0.000000',
        errorReasonCode: '',
        errorReasonText: '',
        requireSignedURLs: false,
        media: { ...media },
        thumbnail: sampleThumbnail(donor),
        captions: [],
        downloads: {},
      },
      { filename: 'launch.mp4', size: media.default?.size ?? 0, readyAt: null },
    );
    const record = this.records.get(processingVideoUid);
    if (record !== undefined) record.processingFrom = this.options.clock.now();
  }

  private addErroredVideo(): void {
    this.insert(
      {
        uid: erroredVideoUid,
        name: 'Corrupted Upload',
        created: '2026-09-01T08:30:05.918273Z',
        duration: -1,
        width: -1,
        height: -1,
        state: 'error',
        pctComplete: '0.000000',
        errorReasonCode: 'ERR_MALFORMED_VIDEO',
        errorReasonText: 'The video was deemed to be corrupted or malformed.',
        requireSignedURLs: false,
        media: {},
        captions: [],
        downloads: {},
      },
      { filename: 'corrupted.mov', size: 1_048_576, readyAt: null },
    );
  }

  private insert(
    video: EmulatedVideo,
    extra: { filename: string; size: number; readyAt: string | null },
  ): void {
    const type = extra.filename.endsWith('.mov') ? 'video/quicktime' : 'video/mp4';
    this.videos.set(video.uid, video);
    this.records.set(video.uid, {
      meta: { filename: extra.filename, filetype: type, relativePath: 'null', type },
      size: extra.size,
      modified: extra.readyAt ?? video.created,
      uploaded: video.created,
      readyAt: extra.readyAt,
      allowedOrigins: [],
      thumbnailTimestampPct: 0,
      scheduledDeletion: null,
    });
  }

  /** RFC 3339 with microseconds; the sequence keeps same-millisecond stamps distinct for cursors. */
  private nowStamp(): string {
    const iso = new Date(this.options.clock.now()).toISOString();
    const micros = String(++this.sequence % 1000).padStart(3, '0');
    return `${iso.slice(0, -1)}${micros}Z`;
  }
}

function sampleThumbnail(sample: SampleVideo | undefined): (() => Readable) | undefined {
  if (sample === undefined) return undefined;
  const path = join(samplesDir, `${sample.file}.jpg`);
  return () => createReadStream(path);
}

function syntheticUid(seed: number, now: number): string {
  return createHash('sha256').update(`synthetic:${seed}:${now}`).digest('hex').slice(0, 32);
}

/** A comparable key for an RFC 3339 timestamp with any fraction length; undefined if invalid. */
export function timeKey(stamp: string): string | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(stamp);
  if (match?.[1] !== undefined) return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}`;
  const ms = Date.parse(stamp);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000`;
}
