import { z } from 'zod';
import { type Clock, systemClock } from '../clock';
import type { HttpStack } from '../http/http-stack';
import { type Logger, silentLogger } from '../log';
import {
  badResponseError,
  isStreamApiError,
  type StreamApiError,
  tokenNotActiveError,
} from './errors';
import { AccountId, CaptionLanguage, DownloadKind, VideoUid } from './ids';
import { defaultRateBudget, type RateBudget, RateLimiter } from './rate-limiter';
import {
  AccessRule,
  Caption,
  DownloadEntry,
  Downloads,
  SignedToken,
  TokenVerification,
  Video,
  VideoListPage,
  VideoState,
} from './schemas';
import {
  type ApiCall,
  type Credentials,
  createTransport,
  readEnvelope,
  readResult,
  type Transport,
} from './transport';

export type { Credentials } from './transport';

export interface StreamClientOptions {
  /** e.g. https://api.cloudflare.com/client/v4 */
  apiBase: string;
  accountId: string;
  credentials: Credentials;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  retry?: { maxRetries?: number; baseMs?: number; capMs?: number };
  rateLimit?: RateBudget | false;
  timeoutMs?: number;
  /** The app's HTTP stack (proxy, certificates); direct with Node's CAs if absent. */
  http?: HttpStack;
}

export interface ListVideosParams {
  search?: string;
  /** Cloudflare's `creator` id: only the videos it made. */
  creator?: string;
  /** RFC 3339; videos created before this. */
  before?: string;
  /** RFC 3339; videos created after this. */
  after?: string;
  asc?: boolean;
  /** 1..1000 (Cloudflare's default and maximum is 1000). */
  limit?: number;
  status?: VideoState;
  ids?: string[];
  includeCounts?: boolean;
}

export interface VideoPage {
  videos: Video[];
  range?: number;
  total?: number;
}

export interface MintTokenOptions {
  /** Default 3600; Cloudflare caps tokens at 24 h. */
  expiresInSeconds?: number;
  /** Default true: download URLs of private videos need it. */
  downloadable?: boolean;
  accessRules?: AccessRule[];
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface StreamClient {
  listVideos(params?: ListVideosParams, options?: CallOptions): Promise<VideoPage>;
  listAllVideos(params?: ListVideosParams, options?: CallOptions): AsyncGenerator<Video>;
  getVideo(uid: string, options?: CallOptions): Promise<Video>;
  createDownload(uid: string, kind: DownloadKind, options?: CallOptions): Promise<Downloads>;
  getDownloads(uid: string, options?: CallOptions): Promise<Downloads>;
  /**
   * Deletes one download resource (never the video). Tries the typed path first and falls back
   * to the untyped one for the MP4 where the typed route is missing (stream-api.md §1).
   */
  deleteDownload(uid: string, kind: DownloadKind, options?: CallOptions): Promise<RemoteDeletion>;
  mintSignedToken(uid: string, token?: MintTokenOptions, options?: CallOptions): Promise<string>;
  listCaptions(uid: string, options?: CallOptions): Promise<Caption[]>;
  getCaptionVtt(uid: string, language: string, options?: CallOptions): Promise<string>;
  /** Which kind the token is and that it is active; proves nothing about its permissions. */
  verifyToken(options?: CallOptions): Promise<VerifiedToken>;
  /** Requests that may start now without waiting on the rate budget (Infinity when unlimited). */
  spareRequests(): number;
}

/**
 * deleted: Cloudflare removed it. absent: there was none to remove. unsupported: the API has no
 * route to delete this kind (only the MP4 has an untyped path to fall back on).
 */
export type RemoteDeletion = 'deleted' | 'absent' | 'unsupported';

/** Account tokens verify under the account, user tokens under /user (stream-api.md §8). */
export interface VerifiedToken {
  id: string;
  kind: 'account' | 'user';
}

const DAY_SECONDS = 86_400;
/** Cloudflare takes caption files up to 10 MB; real subtitles are a few hundred kB at most. */
const maxCaptionBytes = 1024 * 1024;
const kindLabel: Record<DownloadKind, string> = { default: 'MP4', audio: 'audio (M4A)' };

const ListParams = z.object({
  search: z.string().max(500).optional(),
  creator: z.string().min(1).max(64).optional(),
  before: z.string().min(1).max(64).optional(),
  after: z.string().min(1).max(64).optional(),
  asc: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  status: VideoState.optional(),
  ids: z.array(VideoUid).max(1000).optional(),
  includeCounts: z.boolean().optional(),
});

const MintOptions = z.object({
  expiresInSeconds: z.number().int().min(1).max(DAY_SECONDS).default(3600),
  downloadable: z.boolean().default(true),
  accessRules: z.array(AccessRule).max(5).optional(),
});

/** Flat (until 2026) or keyed (since) POST /downloads result; see stream-api.md §2.1. */
const CreatedDownload = z.union([DownloadEntry, Downloads]);

/** Arguments become URL segments, so anything that is not exactly an id is refused here. */
function checked<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]?.message ?? 'invalid';
  throw new TypeError(`Invalid ${what}: ${issue}.`);
}

function listQuery(params: z.output<typeof ListParams>): URLSearchParams {
  const query = new URLSearchParams();
  if (params.search !== undefined) query.set('search', params.search);
  if (params.creator !== undefined) query.set('creator', params.creator);
  if (params.before !== undefined) query.set('before', params.before);
  if (params.after !== undefined) query.set('after', params.after);
  if (params.asc !== undefined) query.set('asc', String(params.asc));
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.status !== undefined) query.set('status', params.status);
  if (params.ids !== undefined && params.ids.length > 0) query.set('id', params.ids.join(','));
  if (params.includeCounts) query.set('include_counts', 'true');
  return query;
}

export function createStreamClient(options: StreamClientOptions): StreamClient {
  const account = checked(AccountId, options.accountId, 'account id');
  const clock = options.clock ?? systemClock;
  const limiter = new RateLimiter(options.rateLimit ?? defaultRateBudget, clock);
  const transport = createTransport({
    apiBase: options.apiBase,
    credentials: options.credentials,
    clock,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    retry: {
      maxRetries: options.retry?.maxRetries ?? 4,
      baseMs: options.retry?.baseMs ?? 1000,
      capMs: options.retry?.capMs ?? 60_000,
    },
    limiter,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.http ? { http: options.http } : {}),
  });
  const ctx: Context = { account, transport, clock };
  return {
    ...videoEndpoints(ctx),
    ...downloadEndpoints(ctx),
    ...tokenEndpoints(ctx),
    ...captionEndpoints(ctx),
    spareRequests: () => limiter.spare(),
  };
}

interface Context {
  account: string;
  transport: Transport;
  clock: Clock;
}

function videoPath(ctx: Context, uid: string): string {
  return `/accounts/${ctx.account}/stream/${checked(VideoUid, uid, 'video uid')}`;
}

async function call<T extends z.ZodType>(
  ctx: Context,
  request: ApiCall,
  schema: T,
): Promise<z.output<T>> {
  const answer = await ctx.transport.send(request);
  return readResult(answer, schema, request.action, ctx.transport.scrub);
}

function videoEndpoints(
  ctx: Context,
): Pick<StreamClient, 'listVideos' | 'listAllVideos' | 'getVideo' | 'verifyToken'> {
  const listVideos = async (params: ListVideosParams = {}, opts: CallOptions = {}) => {
    const searchParams = listQuery(checked(ListParams, params, 'video list parameters'));
    const action = 'listing videos';
    const path = `/accounts/${ctx.account}/stream`;
    const answer = await ctx.transport.send({
      method: 'GET',
      path,
      searchParams,
      action,
      signal: opts.signal,
    });
    const envelope = readEnvelope(answer, VideoListPage, action, ctx.transport.scrub);
    const page: VideoPage = { videos: envelope.result };
    if (envelope.range !== undefined) page.range = envelope.range;
    if (envelope.total !== undefined) page.total = envelope.total;
    return page;
  };
  return {
    listVideos,
    listAllVideos: (params = {}, opts = {}) => pageThrough(listVideos, params, opts),
    getVideo: async (uid, opts = {}) => {
      const path = videoPath(ctx, uid);
      return call(ctx, { method: 'GET', path, action: `getting video ${uid}`, ...opts }, Video);
    },
    verifyToken: (opts = {}) => verifyEitherKind(ctx, opts),
  };
}

/**
 * Tries the account path first (the account id is known, and Cloudflare recommends account
 * tokens), then the user path. A refusal on one path says nothing about the other kind.
 */
async function verifyEitherKind(ctx: Context, opts: CallOptions): Promise<VerifiedToken> {
  const verify = (path: string) =>
    call(
      ctx,
      { method: 'GET', path, action: 'verifying the API token', subject: 'token', ...opts },
      TokenVerification,
    );
  let verified: z.output<typeof TokenVerification>;
  let kind: VerifiedToken['kind'] = 'account';
  try {
    verified = await verify(`/accounts/${ctx.account}/tokens/verify`);
  } catch (error) {
    if (!isStreamApiError(error) || !otherKindMayWork.has(error.code)) throw error;
    kind = 'user';
    verified = await verify('/user/tokens/verify');
  }
  if (verified.status !== 'active') throw tokenNotActiveError(verified.status);
  return { id: verified.id, kind };
}

/** Answers of the account path that a user token gets (or an API without that path). */
const otherKindMayWork = new Set(['auth_invalid', 'auth_missing_permission', 'not_found']);

function downloadEndpoints(
  ctx: Context,
): Pick<StreamClient, 'createDownload' | 'getDownloads' | 'deleteDownload'> {
  const target = (uid: string, kind: DownloadKind) => {
    const type = checked(DownloadKind, kind, 'download kind');
    return { type, path: `${videoPath(ctx, uid)}/downloads/${type}`, label: kindLabel[type] };
  };
  return {
    createDownload: async (uid, kind, opts = {}) => {
      const { type, path, label } = target(uid, kind);
      const action = `creating the ${label} download of video ${uid}`;
      const request: ApiCall = { method: 'POST', path, json: {}, action, notReadyOn400: true };
      const result = await call(ctx, { ...request, ...opts }, CreatedDownload);
      return 'status' in result ? { [type]: result } : result;
    },
    getDownloads: async (uid, opts = {}) => {
      const path = `${videoPath(ctx, uid)}/downloads`;
      const action = `reading the downloads of video ${uid}`;
      return call(ctx, { method: 'GET', path, action, ...opts }, Downloads);
    },
    deleteDownload: async (uid, kind, opts = {}) => {
      const { type, path, label } = target(uid, kind);
      const action = `deleting the ${label} download of video ${uid}`;
      const remove = (at: string) =>
        call(ctx, { method: 'DELETE', path: at, action, ...opts }, z.unknown()).then(
          (): RemoteDeletion => 'deleted',
          (error: unknown): RemoteDeletion => {
            if (isMissingRoute(error)) return 'unsupported';
            if (isStreamApiError(error) && error.code === 'not_found') return 'absent';
            throw error;
          },
        );
      const typed = await remove(path);
      if (typed !== 'unsupported' || type !== 'default') return typed;
      return remove(`${videoPath(ctx, uid)}/downloads`);
    },
  };
}

/** Cloudflare's routing answers (7000 no route, 7001 method not allowed), not a missing thing. */
const noRouteCodes = new Set([7000, 7001]);

function isMissingRoute(error: unknown): boolean {
  if (!isStreamApiError(error)) return false;
  const failure = error as StreamApiError;
  if (failure.status === 405) return true;
  return failure.status === 404 && failure.apiErrors.some((e) => noRouteCodes.has(e.code));
}

function tokenEndpoints(ctx: Context): Pick<StreamClient, 'mintSignedToken'> {
  return {
    mintSignedToken: async (uid, token = {}, opts = {}) => {
      const path = `${videoPath(ctx, uid)}/token`;
      const wanted = checked(MintOptions, token, 'signed token options');
      const json = {
        exp: Math.floor(ctx.clock.now() / 1000) + wanted.expiresInSeconds,
        downloadable: wanted.downloadable,
        ...(wanted.accessRules ? { accessRules: wanted.accessRules } : {}),
      };
      const action = `signing a URL token for video ${uid}`;
      const result = await call(ctx, { method: 'POST', path, json, action, ...opts }, SignedToken);
      return result.token;
    },
  };
}

function captionEndpoints(ctx: Context): Pick<StreamClient, 'listCaptions' | 'getCaptionVtt'> {
  return {
    listCaptions: async (uid, opts = {}) => {
      const path = `${videoPath(ctx, uid)}/captions`;
      const action = `listing the captions of video ${uid}`;
      return call(ctx, { method: 'GET', path, action, ...opts }, z.array(Caption));
    },
    getCaptionVtt: async (uid, language, opts = {}) => {
      const lang = checked(CaptionLanguage, language, 'caption language');
      const path = `${videoPath(ctx, uid)}/captions/${lang}/vtt`;
      const action = `downloading the ${lang} captions of video ${uid}`;
      const answer = await ctx.transport.send({
        method: 'GET',
        path,
        accept: 'text/vtt',
        action,
        maxBytes: maxCaptionBytes,
        ...opts,
      });
      const vtt = answer.body.replace(/^\uFEFF/, '');
      if (!vtt.startsWith('WEBVTT')) {
        throw badResponseError(action, answer.status, 'the body is not a WebVTT file');
      }
      return vtt;
    },
  };
}

/**
 * Cursor paging on `created` (stream-api.md §3.3): the last item's time becomes `before`
 * (newest first) or `after` (asc). Bounds may be inclusive, so items are de-duplicated by uid.
 */
async function* pageThrough(
  listVideos: (params: ListVideosParams, opts: CallOptions) => Promise<VideoPage>,
  params: ListVideosParams,
  opts: CallOptions,
): AsyncGenerator<Video> {
  const limit = params.limit ?? 1000;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const pageParams: ListVideosParams = { ...params, limit };
    if (cursor !== undefined) pageParams[params.asc ? 'after' : 'before'] = cursor;
    const { videos } = await listVideos(pageParams, opts);
    let fresh = 0;
    for (const video of videos) {
      if (seen.has(video.uid)) continue;
      seen.add(video.uid);
      fresh++;
      yield video;
    }
    const last = videos.at(-1);
    // A page of only repeats means the cursor cannot move; stop rather than loop forever.
    if (videos.length < limit || fresh === 0 || last === undefined) return;
    cursor = last.created;
  }
}
