import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { type DownloadKind, VideoUid } from '../stream/ids';
import type { FaultPlan } from './faults';
import { evaluateAccessRules, type SigningKeyring, type VerifyFailure } from './jwt';
import { reviseMedia } from './media-source';
import type { DeliveryFaults, EmulatedVideo, MediaSource, RecordedRequest } from './types';

/** The customer delivery host (stream-api.md §2.2, §2.4, §4.4, §5.2) with fault injection. */
export interface DeliveryDeps {
  videos: ReadonlyMap<string, EmulatedVideo>;
  keyring: SigningKeyring;
  clock: Clock;
  faults: FaultPlan<DeliveryFaults>;
  record(r: RecordedRequest): void;
  /** Counts download body bytes once the kernel has them, per video uid. */
  delivered?(uid: string, bytes: number): void;
  /** How many bodies of this video's download are being sent now (after each change). */
  sending?(uid: string, bodies: number): void;
  logger: Logger;
}

type Route = {
  id: string;
  target: { type: 'download'; kind: DownloadKind } | { type: 'thumbnail' };
};
type Access = { ok: true; video: EmulatedVideo } | { ok: false; status: 403 | 404; text: string };

const downloadPath = /^\/([^/]+)\/downloads\/(default\.mp4|audio\.m4a)$/;
const thumbnailPath = /^\/([^/]+)\/thumbnails\/thumbnail\.jpg$/;
const fileNamePattern = /^[A-Za-z0-9_-]{1,120}$/;
const extension: Record<DownloadKind, string> = { default: 'mp4', audio: 'm4a' };

const refusal: Record<VerifyFailure, string> = {
  malformed: 'token malformed',
  bad_signature: 'token signature invalid',
  unknown_key: 'token signing key unknown or revoked',
  expired: 'token expired',
  not_yet_valid: 'token not yet valid',
};

export function createDeliveryHandler(
  deps: DeliveryDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const bodies = new Map<string, number>();
  return (req, res) => {
    handle(deps, req, res, bodies).catch((error: unknown) => {
      deps.logger.error('delivery request failed', { error });
      // A server error answers 500, as Cloudflare would; only a body already begun is cut.
      if (res.headersSent) res.destroy();
      else text(req, res, 500, 'internal error');
    });
  };
}

/** Download bodies being sent, per path: what tells a client's further connections apart. */
type Bodies = Map<string, number>;

async function handle(
  deps: DeliveryDeps,
  req: IncomingMessage,
  res: ServerResponse,
  bodies: Bodies,
) {
  const url = new URL(req.url ?? '/', 'http://delivery.invalid');
  deps.record({
    host: 'delivery',
    method: req.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    headers: { ...req.headers },
  });
  const fault = deps.faults.take((f) => targets(f.on, req, bodies.get(url.pathname) ?? 0));
  if (fault?.captivePortal) return captivePortal(req, res);
  if (fault?.status) return statusFault(req, res, fault.status);
  const route = parseRoute(url.pathname);
  if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
    return text(req, res, 404, 'not found');
  }
  const access = authorize(deps, route, req.socket.remoteAddress ?? '');
  if (!access.ok) return text(req, res, access.status, access.text);
  const { video } = access;
  if (video.state === 'error') return text(req, res, 424, 'video failed to process');
  if (route.target.type === 'thumbnail') return serveThumbnail(deps, req, res, video, fault);
  const name = url.searchParams.get('filename');
  if (name !== null && !fileNamePattern.test(name)) {
    return text(req, res, 400, 'filename must be 1-120 characters from A-Z a-z 0-9 _ -');
  }
  const { kind } = route.target;
  const source = video.media[kind];
  if (video.downloads[kind]?.status !== 'ready' || !source) {
    return text(req, res, 404, 'download not found');
  }
  const disposition =
    name === null ? undefined : `attachment; filename="${name}.${extension[kind]}"`;
  const sending = (change: number) => {
    const now = (bodies.get(url.pathname) ?? 0) + change;
    if (now > 0) bodies.set(url.pathname, now);
    else bodies.delete(url.pathname);
    deps.sending?.(video.uid, now);
  };
  sending(1);
  res.once('close', () => sending(-1));
  await serveMedia({ deps, req, res, video, kind, source, fault, disposition });
}

/** Whether a fault aimed at some connections hits this request. */
function targets(on: DeliveryFaults['on'], req: IncomingMessage, othersSending: number): boolean {
  if (!on) return true;
  if (on.connection === 'first' && othersSending > 0) return false;
  if (on.connection === 'extra' && othersSending === 0) return false;
  const range = req.headers.range;
  if (on.ranged !== undefined && on.ranged !== (range !== undefined)) return false;
  if (on.rangeFrom !== undefined) {
    const first = /^bytes=(\d+)-/.exec(range ?? '');
    if (!first || Number(first[1]) < on.rangeFrom) return false;
  }
  return true;
}

function parseRoute(pathname: string): Route | undefined {
  const download = downloadPath.exec(pathname);
  if (download?.[1]) {
    const kind = download[2] === 'audio.m4a' ? 'audio' : 'default';
    return { id: download[1], target: { type: 'download', kind } };
  }
  const thumbnail = thumbnailPath.exec(pathname);
  if (thumbnail?.[1]) return { id: thumbnail[1], target: { type: 'thumbnail' } };
  return undefined;
}

/** A uid works only for public videos; a token works for any video it names (stream-api.md §4.4). */
function authorize(deps: DeliveryDeps, route: Route, clientIp: string): Access {
  if (VideoUid.safeParse(route.id).success) {
    const video = deps.videos.get(route.id);
    if (!video) return { ok: false, status: 404, text: 'video not found' };
    if (video.requireSignedURLs) {
      return { ok: false, status: 403, text: 'this video requires a signed URL' };
    }
    return { ok: true, video };
  }
  if (route.id.split('.').length !== 3) return { ok: false, status: 404, text: 'video not found' };
  const verified = deps.keyring.verify(route.id, deps.clock.now());
  if (!verified.ok) return { ok: false, status: 403, text: refusal[verified.reason] };
  const { claims } = verified;
  const video = deps.videos.get(claims.sub);
  if (!video) return { ok: false, status: 403, text: 'token subject is not a video here' };
  if (route.target.type === 'download' && !claims.downloadable) {
    return { ok: false, status: 403, text: 'token does not allow downloads' };
  }
  if (evaluateAccessRules(claims.accessRules, clientIp) === 'block') {
    return { ok: false, status: 403, text: 'blocked by the token access rules' };
  }
  return { ok: true, video };
}

interface MediaRequest {
  deps: DeliveryDeps;
  req: IncomingMessage;
  res: ServerResponse;
  video: EmulatedVideo;
  kind: DownloadKind;
  source: MediaSource;
  fault: DeliveryFaults | undefined;
  disposition: string | undefined;
}

async function serveMedia(m: MediaRequest): Promise<void> {
  const { req, res, fault } = m;
  // Another version for this response only: the stored file stays as it is.
  const source = fault?.otherVersion ? reviseMedia(m.source) : m.source;
  const validators = {
    'Accept-Ranges': 'bytes',
    ETag: source.etag,
    'Last-Modified': source.lastModified.toUTCString(),
    'Cache-Control': 'public, max-age=300',
  };
  const range = fault?.ignoreRange
    ? undefined
    : requestedRange(req, source, fault?.ignoreIfRange ?? false);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${source.size}`);
    for (const [k, v] of Object.entries(validators)) res.setHeader(k, v);
    return text(req, res, 416, 'range not satisfiable');
  }
  const [start, end] = range ?? [0, source.size - 1];
  const headers: OutgoingHttpHeaders = {
    ...validators,
    'Content-Type': source.contentType,
    'Content-Length': end - start + 1,
  };
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${source.size}`;
  if (m.disposition) headers['Content-Disposition'] = m.disposition;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const changeFile = () => {
    m.video.media[m.kind] = reviseMedia(m.video.media[m.kind] ?? source);
  };
  const count = (bytes: number) => m.deps.delivered?.(m.video.uid, bytes);
  await sendBody(m.deps, res, source.open(start, end), end - start + 1, fault, changeFile, count);
}

/** [start, end] to send, undefined for the whole body (no, multiple, invalid or stale ranges). */
function requestedRange(
  req: IncomingMessage,
  source: MediaSource,
  ignoreIfRange: boolean,
): [number, number] | 'unsatisfiable' | undefined {
  const header = req.headers.range;
  if (header === undefined) return undefined;
  const ifRange = req.headers['if-range'];
  if (!ignoreIfRange && ifRange !== undefined && !ifRangeMatches(String(ifRange), source)) {
    return undefined;
  }
  return parseRange(header, source.size);
}

export function parseRange(
  header: string,
  size: number,
): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, Math.min(end, size - 1)];
}

/** Strong comparison only: a weak ETag never matches, a date must equal Last-Modified. */
function ifRangeMatches(value: string, source: MediaSource): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('W/')) return false;
  if (trimmed.startsWith('"')) return trimmed === source.etag;
  const date = Date.parse(trimmed);
  return !Number.isNaN(date) && date === source.lastModified.getTime();
}

async function serveThumbnail(
  deps: DeliveryDeps,
  req: IncomingMessage,
  res: ServerResponse,
  video: EmulatedVideo,
  fault: DeliveryFaults | undefined,
): Promise<void> {
  if (!video.thumbnail) return text(req, res, 404, 'thumbnail not found');
  const chunks: Buffer[] = [];
  for await (const chunk of video.thumbnail()) chunks.push(chunk as Buffer);
  const jpeg = Buffer.concat(chunks);
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': jpeg.length,
    'Cache-Control': 'public, max-age=300',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await sendBody(deps, res, Readable.from([jpeg]), jpeg.length, fault, undefined, () => {});
}

type Cut = { after: number; action: 'reset' | 'stall' | 'change' };

/** The earliest byte-count fault that falls inside this body, if any. */
function firstCut(fault: DeliveryFaults | undefined, length: number): Cut | undefined {
  const cuts: Cut[] = [];
  if (fault?.resetAfterBytes !== undefined)
    cuts.push({ after: fault.resetAfterBytes, action: 'reset' });
  if (fault?.stallAfterBytes !== undefined)
    cuts.push({ after: fault.stallAfterBytes, action: 'stall' });
  if (fault?.changeFileAfterBytes !== undefined) {
    cuts.push({ after: fault.changeFileAfterBytes, action: 'change' });
  }
  const inside = cuts.filter((c) => c.after >= 0 && c.after < length);
  return inside.sort((a, b) => a.after - b.after)[0];
}

/** Streams a body with backpressure, applying the throttle and cut faults. */
async function sendBody(
  deps: DeliveryDeps,
  res: ServerResponse,
  body: Readable,
  length: number,
  fault: DeliveryFaults | undefined,
  changeFile: (() => void) | undefined,
  count: (bytes: number) => void,
): Promise<void> {
  const cut = firstCut(fault, length);
  const pacer = fault?.bytesPerSecond ? new Pacer(fault.bytesPerSecond) : undefined;
  let sent = 0;
  try {
    for await (const raw of body) {
      const chunk = raw as Buffer;
      const allowed = cut ? chunk.subarray(0, cut.after - sent) : chunk;
      for (const piece of pieces(allowed, pacer?.quantum)) {
        if (!(await writeChunk(res, piece))) return;
        sent += piece.length;
        count(piece.length);
        await pacer?.wait(sent);
      }
      if (cut && sent >= cut.after) return await applyCut(res, cut, sent, changeFile);
    }
    res.end();
  } catch (error) {
    deps.logger.warn('delivery body failed', { error });
    res.destroy();
  } finally {
    body.destroy();
  }
}

async function applyCut(
  res: ServerResponse,
  cut: Cut,
  sent: number,
  changeFile: (() => void) | undefined,
) {
  // headersSent turns true at writeHead; only a body write or flushHeaders puts them on the wire.
  if (sent === 0) res.flushHeaders();
  await socketFlushed(res);
  // A stall keeps the socket open and silent: the client must notice by itself.
  if (cut.action === 'stall') return;
  if (cut.action === 'change') changeFile?.();
  res.socket?.destroy();
}

function* pieces(chunk: Buffer, quantum: number | undefined): Generator<Buffer> {
  const step = quantum ?? chunk.length;
  for (let at = 0; at < chunk.length; at += step) yield chunk.subarray(at, at + step);
}

/** Resolves true once the kernel has the bytes, false if the client went away first. */
function writeChunk(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve(false);
    const onClose = () => resolve(false);
    res.once('close', onClose);
    res.write(chunk, (error) => {
      res.off('close', onClose);
      resolve(!error);
    });
  });
}

/** Writes are ordered, so an empty write's callback means everything before it is out. */
function socketFlushed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const socket = res.socket;
    if (!socket || socket.destroyed) return resolve();
    socket.write('', () => resolve());
  });
}

/** Paces one response to a bytes-per-second budget with timers (real time, like a network). */
class Pacer {
  readonly quantum: number;
  private readonly started = performance.now();

  constructor(private readonly bytesPerSecond: number) {
    this.quantum = Math.max(1, Math.min(64 * 1024, Math.floor(bytesPerSecond / 20)));
  }

  async wait(sent: number): Promise<void> {
    const due = this.started + (sent * 1000) / this.bytesPerSecond;
    const delay = due - performance.now();
    if (delay > 0) await sleep(delay);
  }
}

function text(req: IncomingMessage, res: ServerResponse, status: number, body: string): void {
  const bytes = Buffer.from(`${body}\n`);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function statusFault(
  req: IncomingMessage,
  res: ServerResponse,
  status: NonNullable<DeliveryFaults['status']>,
): void {
  const retryAfter = status.retryAfterSeconds ?? (status.code === 429 ? 1 : undefined);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  text(req, res, status.code, STATUS_CODES[status.code] ?? 'error');
}

const portalPage =
  '<!doctype html><html><head><title>Guest Wi-Fi</title></head><body><h1>Welcome to Guest Wi-Fi</h1>' +
  '<form method="post" action="/login"><label>Room number <input name="room"></label>' +
  '<button>Connect</button></form></body></html>';

/** What a hotel network answers for every URL until the guest logs in. */
function captivePortal(req: IncomingMessage, res: ServerResponse): void {
  const bytes = Buffer.from(portalPage);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
