import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { DownloadKind, downloadFileName, isVideoUid } from '../stream/ids';
import { VideoState } from '../stream/schemas';
import {
  type AccountCredentials,
  type AuthFailure,
  authenticate,
  authFailures,
  type Credential,
  isActive,
  permits,
  tokenId,
} from './auth';
import type { FaultPlan } from './faults';
import { AccessRule, type SigningKeyring, signWithPem } from './jwt';
import type { RateLimiter } from './rate-limit';
import { timeKey, type VideoStore } from './store';
import type { ApiFaults, ApiVariants, EmulatedVideo, RecordedRequest, TokenKind } from './types';

export interface ApiDeps {
  store: VideoStore;
  keyring: SigningKeyring;
  clock: Clock;
  faults: FaultPlan<ApiFaults>;
  credentials: AccountCredentials;
  accountId: string;
  deliveryBase: string;
  limiter?: RateLimiter;
  /** How the API answers where Cloudflare's behaviour is unconfirmed; tests switch it. */
  variants: ApiVariants;
  record(r: RecordedRequest): void;
  logger: Logger;
}

/**
 * Error codes the docs leave open (stream-api.md §11). These are the emulator's choices, all
 * ≥ 1000 as the failure schema requires; the routing ones mirror Cloudflare's 7000-series.
 */
const codes = {
  noRoute: 7000,
  methodNotAllowed: 7001,
  badIdentifier: 7003,
  rateLimited: 971,
  upstream: 10001,
  notFound: 10003,
  invalidRequest: 10005,
  videoNotReady: 10006,
  videoErrored: 10007,
} as const;

const MAX_LIST = 1000;
const MAX_TOKEN_LIFETIME_S = 24 * 3600;
const MAX_BODY_BYTES = 1024 * 1024;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Reply =
  | { kind: 'json'; result: unknown; extra?: Record<string, unknown> }
  | { kind: 'raw'; contentType: string; body: string }
  | { kind: 'empty' };

interface Call {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  credential: Credential;
}

type Handler = (call: Call, deps: ApiDeps, keys: Map<string, string>) => Reply;

interface Route {
  method: string;
  segments: string[];
  handle: Handler;
  /** Verify routes answer for disabled and expired tokens too; every other route refuses them. */
  inactiveTokens?: boolean;
}

const route = (method: string, pattern: string, handle: Handler): Route => ({
  method,
  segments: pattern.split('/').filter(Boolean),
  handle,
});

const verifyRoute = (pattern: string, kind: TokenKind): Route => ({
  ...route('GET', pattern, verifyToken(kind)),
  inactiveTokens: true,
});

/** Literal routes come before `:uid` ones so `/stream/keys` is never read as a video uid. */
const routes: Route[] = [
  verifyRoute('/user/tokens/verify', 'user'),
  verifyRoute('/accounts/:account/tokens/verify', 'account'),
  route('GET', '/accounts/:account/stream', listVideos),
  route('GET', '/accounts/:account/stream/storage-usage', storageUsage),
  route('GET', '/accounts/:account/stream/keys', listKeys),
  route('POST', '/accounts/:account/stream/keys', createKey),
  route('DELETE', '/accounts/:account/stream/keys/:key', revokeKey),
  route('GET', '/accounts/:account/stream/:uid', getVideo),
  route('POST', '/accounts/:account/stream/:uid', editVideo),
  route('DELETE', '/accounts/:account/stream/:uid', deleteVideo),
  route('GET', '/accounts/:account/stream/:uid/downloads', getDownloads),
  route('POST', '/accounts/:account/stream/:uid/downloads', createDownload),
  route('DELETE', '/accounts/:account/stream/:uid/downloads', deleteDownload),
  route('POST', '/accounts/:account/stream/:uid/downloads/:kind', createDownload),
  route('DELETE', '/accounts/:account/stream/:uid/downloads/:kind', deleteTypedDownload),
  route('POST', '/accounts/:account/stream/:uid/token', mintToken),
  route('GET', '/accounts/:account/stream/:uid/captions', listCaptions),
  route('GET', '/accounts/:account/stream/:uid/captions/:lang', getCaption),
  route('GET', '/accounts/:account/stream/:uid/captions/:lang/vtt', getCaptionVtt),
];

/** The `/client/v4` API: faults, then auth, then the rate limit, then the route. */
export function createApiHandler(
  deps: ApiDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Signing keys created here, with their PEMs, so /token can check an `id` + `pem` pair.
  const keys = new Map<string, string>();
  return (req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    deps.record({ host: 'api', method, path: req.url ?? '/', headers: { ...req.headers } });
    deps.store.refresh();
    readBody(req)
      .then((raw) => answer(deps, keys, method, url, req, raw))
      .catch((error: unknown) => failure(error))
      .then(({ status, headers, body }) => {
        deps.logger.debug('emulator api', { method, path: url.pathname, status });
        res.writeHead(status, { 'cf-ray': `${randomBytes(8).toString('hex')}-EMU`, ...headers });
        res.end(body);
      })
      .catch((error: unknown) => {
        deps.logger.warn('emulator api response failed', { error });
        res.destroy();
      });
  };
}

interface Wire {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answer(
  deps: ApiDeps,
  keys: Map<string, string>,
  method: string,
  url: URL,
  req: IncomingMessage,
  raw: string,
): Wire {
  const fault = faultResponse(deps.faults.take());
  if (fault !== undefined) return fault;
  const auth = authenticate(req.headers, deps.credentials);
  if (!auth.ok) return failureWire(auth.failure);
  const decision = deps.limiter?.check(auth.credential.id);
  const limitHeaders = decision !== undefined ? (deps.limiter?.headers(decision) ?? {}) : {};
  if (decision !== undefined && !decision.allowed) {
    const wire = errorWire(
      429,
      codes.rateLimited,
      'Please wait and consider throttling your request speed',
    );
    return { ...wire, headers: { ...wire.headers, ...limitHeaders } };
  }
  const wire = dispatch(deps, keys, method, url, auth.credential, raw);
  return { ...wire, headers: { ...wire.headers, ...limitHeaders } };
}

function dispatch(
  deps: ApiDeps,
  keys: Map<string, string>,
  method: string,
  url: URL,
  credential: Credential,
  raw: string,
): Wire {
  const prefix = '/client/v4';
  const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : '';
  const segments = path.split('/').filter(Boolean);
  const matches = routes
    .map((r) => ({ r, params: matchSegments(r.segments, segments) }))
    .filter((m) => m.params !== undefined);
  const found = matches.find((m) => m.r.method === method);
  if (found?.params === undefined) {
    return matches.length > 0
      ? errorWire(405, codes.methodNotAllowed, `Method ${method} not allowed for this route`)
      : errorWire(404, codes.noRoute, 'No route for that URI');
  }
  const refusal = refuse(found.r, found.params, credential, deps.accountId);
  if (refusal !== undefined) return failureWire(refusal);
  const call = {
    method,
    path,
    params: found.params,
    query: url.searchParams,
    credential,
    body: parseBody(raw),
  };
  try {
    return toWire(found.r.handle(call, deps, keys));
  } catch (error) {
    if (!(error instanceof ApiError)) deps.logger.error('emulator api handler failed', { error });
    return failure(error);
  }
}

/**
 * A disabled or expired token gets Cloudflare's answer for an unknown one. Another account's id
 * is 10000 on every route, the account verify path included: the emulator's choice, as the
 * docs do not say what Cloudflare answers there.
 */
function refuse(
  found: Route,
  params: Record<string, string>,
  credential: Credential,
  accountId: string,
): AuthFailure | undefined {
  if (!found.inactiveTokens && !isActive(credential)) return authFailures.invalidToken;
  const foreignAccount = params.account !== undefined && params.account !== accountId;
  if (foreignAccount || !permits(credential, found.method)) return authFailures.denied;
  return undefined;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const value = safeDecode(actual[i] ?? '');
    if (part.startsWith(':')) params[part.slice(1)] = value;
    else if (part !== value) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toWire(reply: Reply): Wire {
  if (reply.kind === 'empty') return { status: 200, headers: {}, body: '' };
  if (reply.kind === 'raw') {
    return { status: 200, headers: { 'Content-Type': reply.contentType }, body: reply.body };
  }
  const envelope = {
    result: reply.result,
    success: true,
    errors: [],
    messages: [],
    ...reply.extra,
  };
  return jsonWire(200, envelope);
}

function jsonWire(status: number, value: unknown): Wire {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

function errorWire(status: number, code: number, message: string): Wire {
  return jsonWire(status, {
    result: null,
    success: false,
    errors: [{ code, message }],
    messages: [],
  });
}

function failureWire(f: AuthFailure): Wire {
  return errorWire(f.status, f.code, f.message);
}

function failure(error: unknown): Wire {
  if (error instanceof ApiError) return errorWire(error.status, error.code, error.message);
  return errorWire(500, codes.upstream, 'Internal server error');
}

const proxyPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`;

function faultResponse(fault: ApiFaults | undefined): Wire | undefined {
  if (fault === undefined) return undefined;
  if (fault.htmlBody) {
    const status = fault.status?.code ?? 502;
    return { status, headers: { 'Content-Type': 'text/html' }, body: proxyPage };
  }
  if (fault.status === undefined) return undefined;
  const { code, retryAfterSeconds } = fault.status;
  if (code === 429) {
    const wire = errorWire(
      429,
      codes.rateLimited,
      'Please wait and consider throttling your request speed',
    );
    return { ...wire, headers: { ...wire.headers, 'Retry-After': String(retryAfterSeconds ?? 1) } };
  }
  const wire = errorWire(
    code,
    codes.upstream,
    code === 408 ? 'Request timeout' : 'Internal server error',
  );
  if (retryAfterSeconds === undefined) return wire;
  return { ...wire, headers: { ...wire.headers, 'Retry-After': String(retryAfterSeconds) } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        reject(new ApiError(413, codes.invalidRequest, 'Request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Undefined for an empty body; an ApiError value marks JSON that did not parse. */
function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return new ApiError(400, codes.invalidRequest, 'Request body is not valid JSON');
  }
}

function bodyObject(call: Call): Record<string, unknown> {
  if (call.body instanceof ApiError) throw call.body;
  if (call.body === undefined) return {};
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    throw new ApiError(400, codes.invalidRequest, 'Request body must be a JSON object');
  }
  return call.body as Record<string, unknown>;
}

function invalid(message: string): ApiError {
  return new ApiError(400, codes.invalidRequest, message);
}

function requireVideo(call: Call, deps: ApiDeps): EmulatedVideo {
  const uid = call.params.uid ?? '';
  if (!isVideoUid(uid)) {
    throw new ApiError(
      400,
      codes.badIdentifier,
      `Could not route to ${call.path}, perhaps your object identifier is invalid?`,
    );
  }
  const video = deps.store.videos.get(uid);
  if (video === undefined) throw new ApiError(404, codes.notFound, `Video ${uid} not found`);
  return video;
}

function json(result: unknown, extra?: Record<string, unknown>): Reply {
  return extra === undefined ? { kind: 'json', result } : { kind: 'json', result, extra };
}

/**
 * Each verify path knows only its own kind of token (stream-api.md §8). Legacy X-Auth-Key
 * credentials carry no token, so both paths answer them 401/1000 too: the emulator's choice.
 */
function verifyToken(kind: TokenKind): Handler {
  return (call) => {
    const token = call.credential.token;
    if (token?.kind !== kind) {
      const { status, code, message } = authFailures.invalidApiToken;
      throw new ApiError(status, code, message);
    }
    return json({ id: tokenId(token.value), status: token.status });
  };
}

/**
 * Cursor bounds on `created`: `before`/`end` is exclusive and `after`/`start` inclusive, the
 * Workers binding's documented defaults (stream-api.md §3.3); clients de-duplicate by uid anyway.
 */
function listVideos(call: Call, deps: ApiDeps): Reply {
  const q = call.query;
  const asc = flag(q.get('asc'), 'asc');
  const limit = listLimit(q.get('limit'));
  const before = cursor(q.get('before') ?? q.get('end'), 'before');
  const after = cursor(q.get('after') ?? q.get('start'), 'after');
  const matching = [...deps.store.videos.values()].filter(filterFor(q, deps));
  const inWindow = matching
    .filter((v) => {
      const key = timeKey(v.created) ?? '';
      return (before === undefined || key < before) && (after === undefined || key >= after);
    })
    .sort((a, b) => compareCreated(a, b) * (asc ? 1 : -1));
  const page = inWindow.slice(0, limit);
  const extra: Record<string, unknown> = { range: inWindow.length - page.length };
  if (flag(q.get('include_counts'), 'include_counts')) extra.total = matching.length;
  return json(
    page.map((v) => videoView(v, deps)),
    extra,
  );
}

function filterFor(q: URLSearchParams, deps: ApiDeps): (v: EmulatedVideo) => boolean {
  const search = q.get('search')?.toLowerCase();
  const exactName = q.get('video_name');
  const ids = idFilter(q.get('id'), deps.variants.idFilter);
  const names = list(q.get('name'));
  const status = q.get('status');
  const creator = q.get('creator');
  if (status !== null && !VideoState.safeParse(status).success) {
    throw invalid(`status must be one of ${VideoState.options.join(', ')}`);
  }
  return (v) =>
    (search === undefined || v.name.toLowerCase().includes(search)) &&
    (exactName === null || v.name === exactName) &&
    (ids === undefined || ids.includes(v.uid)) &&
    (names === undefined || names.includes(v.name) || names.includes(v.uid)) &&
    (status === null || v.state === status) &&
    (creator === null || deps.store.record(v.uid)?.creator === creator);
}

/**
 * The `id` list filter is a newer parameter (stream-api.md §3.3) whose support is unconfirmed:
 * an API may honour it, ignore it, read the whole value as one uid, or refuse it.
 */
function idFilter(value: string | null, variant: ApiVariants['idFilter']): string[] | undefined {
  if (variant === 'ignored') return undefined;
  if (variant === 'rejected' && value !== null) throw invalid('Unknown query parameter: id');
  if (variant === 'single' && value !== null) return [value.trim()];
  return list(value);
}

function list(value: string | null): string[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  return value.split(',').map((s) => s.trim());
}

function flag(value: string | null, name: string): boolean {
  if (value === null || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw invalid(`${name} must be true or false`);
}

function listLimit(value: string | null): number {
  if (value === null) return MAX_LIST;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalid('limit must be a positive integer');
  return Math.min(MAX_LIST, Number(value));
}

function cursor(value: string | null, name: string): string | undefined {
  if (value === null) return undefined;
  const key = timeKey(value);
  if (key === undefined) throw invalid(`${name} must be an RFC 3339 date-time`);
  return key;
}

function compareCreated(a: EmulatedVideo, b: EmulatedVideo): number {
  const ka = timeKey(a.created) ?? '';
  const kb = timeKey(b.created) ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : a.uid.localeCompare(b.uid);
}

function storageUsage(_call: Call, deps: ApiDeps): Reply {
  const videos = [...deps.store.videos.values()];
  const seconds = videos.reduce((sum, v) => sum + Math.max(0, v.duration), 0);
  return json({
    creator: null,
    totalStorageMinutes: Math.ceil(seconds / 60),
    totalStorageMinutesLimit: 1000,
    videoCount: videos.length,
  });
}

/** The API view of one video (stream-api.md §3.1); `thumbnail` and `preview` wait for ready. */
export function videoView(video: EmulatedVideo, deps: Pick<ApiDeps, 'store' | 'deliveryBase'>) {
  const record = deps.store.record(video.uid);
  const base = `${deps.deliveryBase}/${video.uid}`;
  const ready = video.state === 'ready';
  const step = video.state === 'inprogress' || video.state === 'error' ? 'encoding' : undefined;
  return {
    uid: video.uid,
    creator: record?.creator ?? null,
    ...(ready ? { thumbnail: `${base}/thumbnails/thumbnail.jpg` } : {}),
    thumbnailTimestampPct: record?.thumbnailTimestampPct ?? 0,
    readyToStream: ready,
    readyToStreamAt: record?.readyAt ?? null,
    status: {
      state: video.state,
      pctComplete: video.pctComplete,
      errorReasonCode: video.errorReasonCode,
      errorReasonText: video.errorReasonText,
      ...(step !== undefined ? { step } : {}),
    },
    meta: { ...record?.meta, name: video.name },
    created: video.created,
    modified: record?.modified ?? video.created,
    uploaded: record?.uploaded ?? video.created,
    scheduledDeletion: record?.scheduledDeletion ?? null,
    size: record?.size ?? 0,
    ...(ready ? { preview: `${base}/watch` } : {}),
    allowedOrigins: record?.allowedOrigins ?? [],
    requireSignedURLs: video.requireSignedURLs,
    uploadExpiry: null,
    maxSizeBytes: null,
    maxDurationSeconds: null,
    duration: video.duration,
    input: { width: video.width, height: video.height },
    playback: { hls: `${base}/manifest/video.m3u8`, dash: `${base}/manifest/video.mpd` },
    watermark: null,
    clippedFrom: null,
  };
}

function getVideo(call: Call, deps: ApiDeps): Reply {
  return json(videoView(requireVideo(call, deps), deps));
}

const VideoEdit = z.object({
  meta: z.record(z.string(), z.unknown()).optional(),
  creator: z.string().max(64).nullable().optional(),
  requireSignedURLs: z.boolean().optional(),
  allowedOrigins: z.array(z.string()).optional(),
  thumbnailTimestampPct: z.number().min(0).max(1).optional(),
  scheduledDeletion: z.string().datetime({ offset: true }).nullable().optional(),
});

function editVideo(call: Call, deps: ApiDeps): Reply {
  const video = requireVideo(call, deps);
  const parsed = VideoEdit.safeParse(bodyObject(call));
  if (!parsed.success) throw invalid(`Invalid video edit: ${parsed.error.issues[0]?.message}`);
  deps.store.edit(video.uid, parsed.data);
  return json(videoView(video, deps));
}

function deleteVideo(call: Call, deps: ApiDeps): Reply {
  deps.store.deleteVideo(requireVideo(call, deps).uid);
  return { kind: 'empty' };
}

function downloadsView(video: EmulatedVideo, deps: ApiDeps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of DownloadKind.options) {
    const download = video.downloads[kind];
    if (download === undefined) continue;
    out[kind] = {
      status: download.status,
      url: `${deps.deliveryBase}/${video.uid}/downloads/${downloadFileName[kind]}`,
      percentComplete: deps.store.percentComplete(download),
    };
  }
  return out;
}

function getDownloads(call: Call, deps: ApiDeps): Reply {
  return json(downloadsView(requireVideo(call, deps), deps));
}

function downloadKind(call: Call): DownloadKind {
  const parsed = DownloadKind.safeParse(call.params.kind ?? 'default');
  if (!parsed.success) throw new ApiError(404, codes.noRoute, 'No route for that URI');
  return parsed.data;
}

function createDownload(call: Call, deps: ApiDeps): Reply {
  const video = requireVideo(call, deps);
  const kind = downloadKind(call);
  bodyObject(call);
  const outcome = deps.store.requestDownload(video.uid, kind).outcome;
  if (outcome === 'errored') {
    throw new ApiError(
      424,
      codes.videoErrored,
      `Video failed to process (${video.errorReasonCode}); downloads cannot be generated`,
    );
  }
  if (outcome === 'not-ready') {
    throw new ApiError(
      400,
      codes.videoNotReady,
      `Video is not ready to stream yet (state ${video.state}); create downloads once readyToStream is true`,
    );
  }
  const view = downloadsView(video, deps);
  return json({ [kind]: view[kind] });
}

function deleteDownload(call: Call, deps: ApiDeps): Reply {
  const video = requireVideo(call, deps);
  const kind = downloadKind(call);
  if (!deps.store.deleteDownload(video.uid, kind)) {
    throw new ApiError(404, codes.notFound, `No ${kind} download exists for video ${video.uid}`);
  }
  return json('ok');
}

/** Typed deletion is in the OpenAPI spec but hidden from the SDKs; an API may lack the route. */
function deleteTypedDownload(call: Call, deps: ApiDeps): Reply {
  if (!deps.variants.typedDownloadDelete) {
    throw new ApiError(404, codes.noRoute, 'No route for that URI');
  }
  return deleteDownload(call, deps);
}

const TokenRequest = z.object({
  id: z.string().optional(),
  pem: z.string().optional(),
  exp: z.number().int().optional(),
  nbf: z.number().int().optional(),
  downloadable: z.boolean().optional(),
  accessRules: z.array(AccessRule).max(5, 'at most 5 accessRules are allowed').optional(),
});

function mintToken(call: Call, deps: ApiDeps, keys: Map<string, string>): Reply {
  const video = requireVideo(call, deps);
  const parsed = TokenRequest.safeParse(bodyObject(call));
  if (!parsed.success) throw invalid(`Invalid token request: ${parsed.error.issues[0]?.message}`);
  const request = parsed.data;
  const now = Math.floor(deps.clock.now() / 1000);
  const exp = request.exp ?? now + 3600;
  if (exp > now + MAX_TOKEN_LIFETIME_S) throw invalid('exp must be at most 24 hours from now');
  const claims = {
    sub: video.uid,
    exp,
    nbf: request.nbf ?? now - 3600,
    ...(request.downloadable !== undefined ? { downloadable: request.downloadable } : {}),
    ...(request.accessRules !== undefined ? { accessRules: request.accessRules } : {}),
  };
  if ((request.id === undefined) !== (request.pem === undefined)) {
    throw invalid('id and pem must be given together');
  }
  if (request.id === undefined || request.pem === undefined) {
    return json({ token: deps.keyring.sign(claims) });
  }
  if (keys.get(request.id) !== request.pem) {
    throw invalid('id is not a signing key of this account, or pem does not belong to it');
  }
  return json({ token: signWithPem(claims, request.id, request.pem) });
}

function createKey(_call: Call, deps: ApiDeps, keys: Map<string, string>): Reply {
  const key = deps.keyring.createKey();
  keys.set(key.id, key.pem);
  return json(key);
}

function listKeys(_call: Call, deps: ApiDeps): Reply {
  return json(deps.keyring.listKeys());
}

function revokeKey(call: Call, deps: ApiDeps, keys: Map<string, string>): Reply {
  const id = call.params.key ?? '';
  if (!deps.keyring.revokeKey(id)) throw new ApiError(404, codes.notFound, `Key ${id} not found`);
  keys.delete(id);
  return json('Revoked');
}

function captionOf(call: Call, deps: ApiDeps): EmulatedVideo['captions'][number] {
  const video = requireVideo(call, deps);
  const caption = video.captions.find((c) => c.language === call.params.lang);
  if (caption === undefined) {
    throw new ApiError(
      404,
      codes.notFound,
      `No ${call.params.lang} caption for video ${video.uid}`,
    );
  }
  return caption;
}

const captionView = (c: EmulatedVideo['captions'][number]) => ({
  language: c.language,
  label: c.label,
  generated: false,
  status: 'ready',
});

function listCaptions(call: Call, deps: ApiDeps): Reply {
  return json(requireVideo(call, deps).captions.map(captionView));
}

function getCaption(call: Call, deps: ApiDeps): Reply {
  return json(captionView(captionOf(call, deps)));
}

function getCaptionVtt(call: Call, deps: ApiDeps): Reply {
  return { kind: 'raw', contentType: 'text/vtt; charset=utf-8', body: captionOf(call, deps).vtt };
}
