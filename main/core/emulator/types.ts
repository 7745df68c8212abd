import type { Readable } from 'node:stream';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { DownloadKind } from '../stream/ids';
import type { Video } from '../stream/schemas';

/**
 * The emulator's public surface: a local Cloudflare Stream API (`apiBase`) and delivery host
 * (`deliveryBase`, a separate origin like customer-<code>.cloudflarestream.com), used as the
 * demo library and as the test double. Behaviour follows shared/stream-api.md.
 */
export interface EmulatorOptions {
  /** API listener port; 0 (default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
  /** Delivery listener port; 0 (default) picks a free one. */
  deliveryPort?: number;
  clock?: Clock;
  logger?: Logger;
  /** Account id (32 hex); a fixed demo id by default. */
  accountId?: string;
  /** Stream Write API token; random per run unless given. */
  token?: string;
  /** Which kind `token` and `readToken` are (stream-api.md §8). Default 'account'. */
  tokenKind?: TokenKind;
  /** Serve both the API and the delivery host over HTTPS with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Time for a download to go from 0 to 100 percentComplete. Default 4000 ms. */
  preparationMs?: number;
  /** Time for the demo "still processing" video to reach ready (pctComplete 0→100). Default 60 s. */
  processingMs?: number;
  /** Load the sample library (default true). */
  samples?: boolean;
  /** Cloudflare's global limit; off unless set (default when on: 1200 per 300 s, 300 s block). */
  rateLimit?: { limit: number; windowMs: number; blockMs: number } | false;
}

export type ApiPermission = 'stream:read' | 'stream:write';

/**
 * Cloudflare's two kinds of API token (stream-api.md §8): an account token verifies only at
 * /accounts/{id}/tokens/verify, a user token only at /user/tokens/verify.
 */
export type TokenKind = 'account' | 'user';

/** What verify reports; only an active token may call anything else. */
export type TokenStatus = 'active' | 'disabled' | 'expired';

export interface TokenSpec {
  kind: TokenKind;
  permission: ApiPermission;
  /** Default 'active'. */
  status?: TokenStatus;
}

/** Bytes the delivery host can serve for one (video, kind). */
export interface MediaSource {
  size: number;
  contentType: 'video/mp4' | 'audio/mp4';
  /** Strong validator; changes whenever the bytes change. */
  etag: string;
  lastModified: Date;
  /** Streams bytes [start, endInclusive]. */
  open(start: number, endInclusive: number): Readable;
}

export type DownloadStatus = 'inprogress' | 'ready' | 'error';

export interface EmulatedDownload {
  status: DownloadStatus;
  /** When preparation started, per the emulator clock. */
  startedAt: number;
}

/** One video as the emulator holds it; the API view (Video) is derived from it. */
export interface EmulatedVideo {
  uid: string;
  name: string;
  created: string;
  duration: number;
  width: number;
  height: number;
  state: Video['status']['state'];
  pctComplete: string;
  errorReasonCode: string;
  errorReasonText: string;
  requireSignedURLs: boolean;
  media: Partial<Record<DownloadKind, MediaSource>>;
  thumbnail?: () => Readable;
  captions: { language: string; label: string; vtt: string }[];
  downloads: Partial<Record<DownloadKind, EmulatedDownload>>;
}

/** Per-response faults on the delivery host. `times` limits how many responses each one hits. */
export interface DeliveryFaults {
  /** Destroy the socket after this many body bytes. */
  resetAfterBytes?: number;
  /** Stop sending (socket stays open) after this many body bytes. */
  stallAfterBytes?: number;
  /** Answer Range requests with 200 and the whole body. */
  ignoreRange?: boolean;
  /** After this many body bytes, the file is replaced (new bytes, new ETag) and the socket reset. */
  changeFileAfterBytes?: number;
  /** Answer every delivery request with 200 text/html, like a hotel Wi-Fi login page. */
  captivePortal?: boolean;
  /** Per-connection bandwidth cap in bytes per second. */
  bytesPerSecond?: number;
  /** The next responses fail with this status (429 carries Retry-After). */
  status?: { code: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number };
  /**
   * This response comes from another version of the file (other bytes, other ETag and
   * Last-Modified) without replacing it: one connection sees a changed file, the others don't.
   */
  otherVersion?: boolean;
  /** Honour a Range even when If-Range names another version (a broken cache in between). */
  ignoreIfRange?: boolean;
  /**
   * Which responses the fault hits; all when absent. Only the responses it hits count towards
   * `times`. Each download response is one connection of a client (a body at a time per socket).
   */
  on?: DeliveryFaultTarget;
  times?: number;
}

export interface DeliveryFaultTarget {
  /**
   * 'first': only while no other body of the same download is being sent; 'extra': only while
   * another one is (the further connections of a segmented client).
   */
  connection?: 'first' | 'extra';
  /** Only requests with a Range whose first byte is at or after this offset. */
  rangeFrom?: number;
  /** Only requests with a Range (true) or without one (false). */
  ranged?: boolean;
}

export interface ApiFaults {
  status?: { code: 429 | 500 | 502 | 503 | 504 | 408; retryAfterSeconds?: number };
  /** Answer with a body that is not the JSON envelope (a proxy error page). */
  htmlBody?: boolean;
  times?: number;
}

/** Answers Cloudflare may give where the docs leave it open (stream-api.md §1, §3.3). */
export interface ApiVariants {
  /**
   * `GET /stream?id=a,b`: honoured (default), ignored (the whole list comes back), read as one
   * uid (a list matches nothing), or refused with 400.
   */
  idFilter: 'supported' | 'ignored' | 'single' | 'rejected';
  /** Whether `DELETE /stream/{uid}/downloads/{type}` exists (default true). */
  typedDownloadDelete: boolean;
}

/** Changes a person makes to a video in Cloudflare's dashboard, for tests to play. */
export interface UpstreamEdit {
  name?: string;
  requireSignedURLs?: boolean;
  /** RFC 3339, or null to cancel the scheduled deletion. */
  scheduledDeletion?: string | null;
}

export interface RecordedRequest {
  host: 'api' | 'delivery';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface EmulatorControl {
  /** A synthetic video of any size whose MP4 bytes are generated deterministically. */
  addSyntheticVideo(options: { size: number; name?: string; requireSignedURLs?: boolean }): string;
  /** Drive a video's processing state (queued → inprogress → ready, or error). */
  setVideoState(
    uid: string,
    state: EmulatedVideo['state'],
    error?: { code: string; text: string },
  ): void;
  /** Make every in-progress download (of one video, or all) ready now. */
  finishDownloads(uid?: string): void;
  /** Make a download end in `error`. */
  failDownload(uid: string, kind: DownloadKind): void;
  /** Replace the bytes of a download (new ETag), as if Cloudflare re-generated it. */
  replaceMedia(uid: string, kind: DownloadKind): void;
  setDeliveryFaults(faults: DeliveryFaults | undefined): void;
  setApiFaults(faults: ApiFaults | undefined): void;
  /** Issues another API token (e.g. a disabled user token); returns its random secret. */
  addToken(spec: TokenSpec): string;
  /** Renames a video, makes it private or public, or schedules (or cancels) its deletion. */
  editVideo(uid: string, edit: UpstreamEdit): void;
  /** Deletes a video from the account, as the dashboard's Delete does. */
  deleteVideo(uid: string): void;
  /** Picks how the API answers where Cloudflare's behaviour is unconfirmed. */
  setApiVariants(variants: Partial<ApiVariants>): void;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:40123/client/v4 (https:// when started with `tls`) */
  apiBase: string;
  /** e.g. http://127.0.0.1:40124 (another origin, like the customer delivery host) */
  deliveryBase: string;
  accountId: string;
  /** Stream Write token. */
  token: string;
  /** Stream Read only token, of the same kind as `token`. */
  readToken: string;
  /** The kind of `token` and `readToken`. */
  tokenKind: TokenKind;
  /** Legacy Global API key auth. */
  legacy: { email: string; key: string };
  /** uid → emulated video (live objects; tests may inspect them). */
  videos: ReadonlyMap<string, EmulatedVideo>;
  /** Every request received, newest last, headers as sent (for asserting what crossed the wire). */
  requests: RecordedRequest[];
  control: EmulatorControl;
  /** Body bytes of downloads the delivery host handed to the network (of one video, or all). */
  deliveredBytes(uid?: string): number;
  /** The most download bodies of one file that were being sent at the same time. */
  peakConnections(uid?: string): number;
  close(): Promise<void>;
}
