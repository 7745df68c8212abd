/** Stable failure codes of the Stream API client; the UI and the queue decide on these. */
export type StreamErrorCode =
  | 'auth_invalid'
  | 'auth_missing_permission'
  | 'not_found'
  | 'video_not_ready'
  | 'video_errored'
  | 'rate_limited'
  | 'server_error'
  | 'bad_response'
  | 'network';

export interface ApiErrorItem {
  code: number;
  message: string;
}

export interface StreamApiErrorInit {
  code: StreamErrorCode;
  message: string;
  status?: number;
  retryAfterMs?: number;
  apiErrors?: ApiErrorItem[];
}

/**
 * A failed Stream API call. Carries only what a person or the queue needs: never the token,
 * request headers or the underlying got error (whose options hold the credentials).
 */
export class StreamApiError extends Error {
  override readonly name = 'StreamApiError';
  readonly code: StreamErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly apiErrors: ApiErrorItem[];

  constructor(init: StreamApiErrorInit) {
    super(init.message);
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.apiErrors = init.apiErrors ?? [];
  }
}

export function isStreamApiError(value: unknown): value is StreamApiError {
  return value instanceof StreamApiError;
}

/** One HTTP answer that was not a success, as the transport saw it. */
export interface HttpFailure {
  status: number;
  /** Cloudflare's `errors[]`, already scrubbed of secrets. */
  apiErrors: ApiErrorItem[];
  /** What the client was doing, for the sentence: "creating the MP4 download of video …". */
  action: string;
  /** POST /downloads answers 400 for a video that is still processing (stream-api.md §2.3). */
  notReadyOn400?: boolean;
  retryAfterMs?: number;
  /** The body was not Cloudflare's JSON envelope (a proxy page, a truncated body). */
  unexpectedBody?: boolean;
}

const AUTH_MISSING = 9106;
const AUTH_INVALID_TOKEN = 9109;

function codeForFailure(f: HttpFailure): StreamErrorCode {
  const codes = new Set(f.apiErrors.map((e) => e.code));
  if (f.status === 429) return 'rate_limited';
  if (f.status >= 500 || f.status === 408) return 'server_error';
  if (f.unexpectedBody) return 'bad_response';
  const authStatus = f.status === 400 || f.status === 401 || f.status === 403;
  if (authStatus && (codes.has(AUTH_MISSING) || codes.has(AUTH_INVALID_TOKEN))) {
    return 'auth_invalid';
  }
  if (f.status === 401 || f.status === 403) return 'auth_missing_permission';
  if (f.status === 404) return 'not_found';
  if (f.status === 424) return 'video_errored';
  if (f.status === 400 && f.notReadyOn400) return 'video_not_ready';
  return 'bad_response';
}

function sentenceFor(code: StreamErrorCode, f: HttpFailure): string {
  const where = `${f.action}, HTTP ${f.status}`;
  switch (code) {
    case 'auth_invalid':
      return f.apiErrors.some((e) => e.code === AUTH_MISSING)
        ? `No Cloudflare API credentials were sent (${where}). Enter an API token with Stream permissions in Settings.`
        : `Cloudflare rejected the API credentials (${where}). Check that the API token is typed correctly and has not expired or been revoked.`;
    case 'auth_missing_permission':
      return `The API token is not allowed to do this (${where}). Give the token Stream Write permission for this account, or use a token that has it.`;
    case 'not_found':
      return `Cloudflare has no such video (${where}). It may have been deleted or belong to another account; refresh the catalogue.`;
    case 'video_not_ready':
      return `The video is not ready for downloads yet (${where}). Wait until Cloudflare has finished processing it, then try again.`;
    case 'video_errored':
      return `Cloudflare failed to process this video (${where}), so it cannot be downloaded. Re-upload it in the Cloudflare dashboard.`;
    case 'rate_limited':
      return `Cloudflare's API rate limit was reached (${where}). Wait ${waitText(f.retryAfterMs)} before trying again, and avoid running other tools with the same token meanwhile.`;
    case 'server_error':
      return `Cloudflare's API failed (${where}). This is usually temporary; try again in a few minutes.`;
    default:
      return f.unexpectedBody
        ? `Cloudflare's API gave an answer that is not its usual JSON (${where}). If you are behind a proxy or a hotel Wi-Fi login page, sign in to the network and try again.`
        : `Cloudflare refused the request (${where}). Check the video and settings, then try again.`;
  }
}

function waitText(ms: number | undefined): string {
  if (ms === undefined) return 'a few minutes';
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds >= 120 ? `about ${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

function cloudflareSaid(apiErrors: ApiErrorItem[]): string {
  if (apiErrors.length === 0) return '';
  const items = apiErrors.slice(0, 3).map((e) => `${e.code} ${e.message.slice(0, 200)}`);
  return ` Cloudflare said: ${items.join('; ')}.`;
}

export function errorForHttpFailure(f: HttpFailure): StreamApiError {
  const code = codeForFailure(f);
  return new StreamApiError({
    code,
    message: sentenceFor(code, f) + cloudflareSaid(f.apiErrors),
    status: f.status,
    ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
    apiErrors: f.apiErrors,
  });
}

/** A 2xx whose body does not have the shape the endpoint promises. */
export function badResponseError(action: string, status: number, detail: string): StreamApiError {
  return new StreamApiError({
    code: 'bad_response',
    status,
    message: `Cloudflare's API gave an unexpected answer (${action}, HTTP ${status}: ${detail}). If you are behind a proxy or a hotel Wi-Fi login page, sign in to the network and try again.`,
  });
}

/** No HTTP answer at all. `reason` is a system error code such as ECONNRESET, never got's message. */
export function networkError(action: string, reason: string): StreamApiError {
  return new StreamApiError({
    code: 'network',
    message: `Could not reach Cloudflare's API (${action}: ${reason}). Check the internet connection and try again.`,
  });
}
