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
  | 'network'
  | 'proxy_auth'
  | 'tls_untrusted';

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
  /** A call that changes something needs Stream Write; reading needs Stream Read. */
  writes?: boolean;
  /** What the call is about: a token check never talks about videos. */
  subject?: 'video' | 'token';
}

const AUTH_MISSING = 9106;
const AUTH_INVALID_TOKEN = 9109;
/** "Invalid API Token": also what one verify path says of the other kind of token (§8). */
const INVALID_API_TOKEN = 1000;

function codeForFailure(f: HttpFailure): StreamErrorCode {
  const codes = new Set(f.apiErrors.map((e) => e.code));
  if (f.status === 407) return 'proxy_auth';
  if (f.status === 429) return 'rate_limited';
  if (f.status >= 500 || f.status === 408) return 'server_error';
  if (f.unexpectedBody) return 'bad_response';
  const authStatus = f.status === 400 || f.status === 401 || f.status === 403;
  const tokenRefused = [AUTH_MISSING, AUTH_INVALID_TOKEN, INVALID_API_TOKEN].some((c) =>
    codes.has(c),
  );
  if (authStatus && tokenRefused) {
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
      return f.writes
        ? `The API token may not change anything in Stream (${where}). Give the token the Stream Write permission for this account, or use a token that has it.`
        : `The API token may not read Stream videos of this account (${where}). Give the token the Stream Read permission for this account, and check the account id.`;
    case 'not_found':
      return f.subject === 'token'
        ? `Cloudflare could not check the API token (${where}). Check the API address and the account id.`
        : `Cloudflare has no such video (${where}). It may have been deleted or belong to another account; refresh the catalogue.`;
    case 'proxy_auth':
      return `The proxy server refused the request (${where}): it needs a user name and password, or the ones given are wrong. Check the proxy settings.`;
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

/** Verify answered, but the token is not active: it was disabled or has expired. */
export function tokenNotActiveError(status: string): StreamApiError {
  const state =
    status === 'expired'
      ? 'has expired'
      : status === 'disabled'
        ? 'is disabled'
        : `is ${status.slice(0, 40)}`;
  return new StreamApiError({
    code: 'auth_invalid',
    message: `The API token ${state} (Cloudflare says its status is "${status.slice(0, 40)}"). Create a new token, or enable this one in the Cloudflare dashboard.`,
  });
}

/** The API host's certificate is not trusted (a TLS-inspecting company proxy, or a wrong host). */
export function untrustedCertificateError(action: string, origin: string): StreamApiError {
  return new StreamApiError({
    code: 'tls_untrusted',
    message: `The certificate of ${new URL(origin).host} is not from an authority this computer trusts (${action}). On a company network that inspects HTTPS, install its root certificate in the system's store (or point NODE_EXTRA_CA_CERTS at it for the command line).`,
  });
}

/** No HTTP answer at all. `reason` is a system error code such as ECONNRESET, never got's message. */
export function networkError(action: string, reason: string): StreamApiError {
  return new StreamApiError({
    code: 'network',
    message: `Could not reach Cloudflare's API (${action}: ${reason}). Check the internet connection and try again.`,
  });
}
