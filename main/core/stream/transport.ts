import type { IncomingHttpHeaders } from 'node:http';
import got, { type BeforeRequestHook, type Got, RequestError } from 'got';
import { z } from 'zod';
import { backoffDelay, parseRetryAfter } from '../backoff';
import type { Clock } from '../clock';
import { isUntrustedCertificate } from '../http/http-errors';
import { directHttpStack, type HttpStack } from '../http/http-stack';
import { isHttpsOrLoopback } from '../http/secure-url';
import { type Logger, scrubText } from '../log';
import {
  type ApiErrorItem,
  badResponseError,
  errorForHttpFailure,
  networkError,
  type StreamApiError,
  untrustedCertificateError,
} from './errors';
import type { RateLimiter } from './rate-limiter';
import { FailureEnvelope, successEnvelope } from './schemas';

export type Credentials = { token: string } | { email: string; key: string };

export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  capMs: number;
}

export interface TransportOptions {
  apiBase: string;
  credentials: Credentials;
  clock: Clock;
  random: () => number;
  logger: Logger;
  retry: RetryPolicy;
  limiter: RateLimiter;
  timeoutMs: number;
  /** The app's HTTP stack (proxy, certificates); direct with Node's CAs if absent. */
  http?: HttpStack;
}

/** One API call. `path` is built only from validated ids, so it can never leave the API base. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  searchParams?: URLSearchParams;
  json?: unknown;
  accept?: string;
  /** For error sentences: "creating the MP4 download of video …". */
  action: string;
  notReadyOn400?: boolean;
  signal?: AbortSignal | undefined;
  /** A token check: its failures talk about the token, never about videos. */
  subject?: 'token';
  /** The body is refused once it passes this many bytes (default: maxApiBodyBytes). */
  maxBytes?: number;
}

export interface ApiAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A page of 1,000 videos is about 2 MB of JSON; anything far beyond is not Cloudflare's answer. */
export const maxApiBodyBytes = 16 * 1024 * 1024;

/** Cloudflare blocks for 5 minutes after a 429; never wait longer than that on its word. */
const MAX_RETRY_AFTER_MS = 300_000;

/** Refuses an API base that would send the token in clear text over a real network. */
export function apiOrigin(apiBase: string): string {
  const url = new URL(apiBase);
  if (!isHttpsOrLoopback(url)) {
    throw new TypeError('The API base must be an https:// URL (http:// only for localhost).');
  }
  return url.origin;
}

function credentialHeaders(credentials: Credentials): Record<string, string> {
  if ('token' in credentials) {
    const token = credentials.token.trim();
    return token ? { authorization: `Bearer ${token}` } : {};
  }
  if (!credentials.email.trim() || !credentials.key.trim()) return {};
  return { 'x-auth-email': credentials.email.trim(), 'x-auth-key': credentials.key.trim() };
}

export function secretsOf(credentials: Credentials): string[] {
  return 'token' in credentials ? [credentials.token.trim()] : [credentials.key.trim()];
}

function isAuthHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower.startsWith('x-auth-');
}

/** Credentials are added here, per request, and only when the request goes to the API origin. */
function attachCredentials(origin: string, headers: Record<string, string>): BeforeRequestHook {
  return (options) => {
    for (const name of Object.keys(options.headers)) {
      if (isAuthHeader(name)) delete options.headers[name];
    }
    const url = options.url;
    if (url !== undefined && new URL(url).origin === origin)
      Object.assign(options.headers, headers);
  };
}

/**
 * The got instance for API calls: no got retries, no redirects, credentials only for `origin`,
 * through the app's HTTP stack (its proxy and certificate settings).
 */
export function createApiHttp(
  origin: string,
  credentials: Credentials,
  timeoutMs: number,
  stack: HttpStack = directHttpStack(),
): Got {
  const credentialed = attachCredentials(origin, credentialHeaders(credentials));
  return got.extend({
    agent: { http: stack.agents.http, https: stack.agents.https },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    timeout: { request: timeoutMs },
    hooks: {
      beforeRequest: [credentialed],
      beforeRedirect: [(redirected) => void credentialed(redirected, { retryCount: 0 })],
    },
  });
}

export interface Transport {
  send(call: ApiCall): Promise<ApiAnswer>;
  /** Strips every secret this transport knows from a text. */
  scrub(text: string): string;
}

export function createTransport(options: TransportOptions): Transport {
  const origin = apiOrigin(options.apiBase);
  const base = options.apiBase.replace(/\/+$/, '');
  const http = createApiHttp(origin, options.credentials, options.timeoutMs, options.http);
  const secrets = secretsOf(options.credentials);
  const scrub = (text: string) => scrubText(text, secrets);
  const log = options.logger;

  const once = async (call: ApiCall): Promise<ApiAnswer> => {
    const pending = http(`${base}${call.path}`, {
      method: call.method,
      headers: { accept: call.accept ?? 'application/json' },
      ...(call.searchParams ? { searchParams: call.searchParams } : {}),
      ...(call.json !== undefined ? { json: call.json } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
    });
    // Checked while the body streams: a hostile or broken answer never fills the memory.
    const maxBytes = call.maxBytes ?? maxApiBodyBytes;
    let tooLarge = false;
    pending.on('downloadProgress', (progress) => {
      const declared = progress.total ?? 0;
      if (progress.transferred > maxBytes || declared > maxBytes) {
        tooLarge = true;
        pending.cancel();
      }
    });
    try {
      const response = await pending;
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (tooLarge) throw badResponseError(call.action, 200, `the answer passed ${maxBytes} bytes`);
      throw error;
    }
  };

  const retryDelay = (answer: ApiAnswer | undefined, attempt: number): number => {
    const hinted = answer ? parseRetryAfter(answer.headers, options.clock.now()) : undefined;
    if (hinted !== undefined) return Math.min(hinted, MAX_RETRY_AFTER_MS);
    return backoffDelay(attempt, options.retry, options.random);
  };

  const send = async (call: ApiCall): Promise<ApiAnswer> => {
    for (let attempt = 0; ; attempt++) {
      await options.limiter.acquire(call.signal);
      const outcome = await attemptOnce(once, call, scrub, origin);
      const answer = outcome.kind === 'answer' ? outcome.answer : undefined;
      const reason = outcome.kind === 'network' ? outcome.reason : '';
      const fields = { method: call.method, path: call.path, attempt };
      if (answer) log.debug('stream api answer', { ...fields, status: answer.status });
      if (answer && answer.status >= 200 && answer.status < 300) return answer;

      const delay = retryDelay(answer, attempt);
      if (answer?.status === 429) options.limiter.holdUntil(options.clock.now() + delay);
      if (attempt >= options.retry.maxRetries || !shouldRetry(answer)) {
        throw answer ? failureOf(answer, call, scrub, delay) : networkError(call.action, reason);
      }
      const why = answer ? { status: answer.status } : { reason };
      log.warn('stream api retry', { ...fields, ...why, delayMs: delay });
      await options.clock.sleep(delay, call.signal);
    }
  };

  return { send, scrub };
}

type Outcome = { kind: 'answer'; answer: ApiAnswer } | { kind: 'network'; reason: string };

async function attemptOnce(
  once: (call: ApiCall) => Promise<ApiAnswer>,
  call: ApiCall,
  scrub: (text: string) => string,
  origin: string,
): Promise<Outcome> {
  try {
    return { kind: 'answer', answer: await once(call) };
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    if (!(error instanceof RequestError)) throw error;
    if (isUntrustedCertificate(error.code)) throw untrustedCertificateError(call.action, origin);
    // Only the system code travels on: got's error holds the request options and headers.
    return { kind: 'network', reason: scrub(error.code || 'request failed') };
  }
}

function shouldRetry(answer: ApiAnswer | undefined): boolean {
  if (!answer) return true;
  if (answer.status === 407) return false;
  const hint = headerValue(answer.headers['x-should-retry']);
  if (hint === 'false') return false;
  if (hint === 'true') return true;
  return answer.status === 408 || answer.status === 429 || answer.status >= 500;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function scrubbedApiErrors(
  errors: { code: number; message: string }[],
  scrub: (t: string) => string,
): ApiErrorItem[] {
  return errors.map((e) => ({ code: e.code, message: scrub(e.message) }));
}

function failureOf(
  answer: ApiAnswer,
  call: ApiCall,
  scrub: (text: string) => string,
  retryAfterMs: number,
): StreamApiError {
  const envelope = FailureEnvelope.safeParse(parseJson(answer.body));
  return errorForHttpFailure({
    status: answer.status,
    action: call.action,
    apiErrors: envelope.success ? scrubbedApiErrors(envelope.data.errors, scrub) : [],
    unexpectedBody: !envelope.success,
    ...(call.notReadyOn400 ? { notReadyOn400: true } : {}),
    ...(answer.status === 429 ? { retryAfterMs } : {}),
    writes: call.method !== 'GET',
    ...(call.subject ? { subject: call.subject } : {}),
  });
}

const AnySuccess = successEnvelope(z.unknown());

/** Parses a whole 2xx body with `envelope`; a failure envelope or any other body is an error. */
export function readEnvelope<T extends z.ZodType>(
  answer: ApiAnswer,
  envelope: T,
  action: string,
  scrub: (text: string) => string,
): z.output<T> {
  const json = parseJson(answer.body);
  if (AnySuccess.safeParse(json).success) {
    const parsed = envelope.safeParse(json);
    if (parsed.success) return parsed.data;
    throw badResponseError(action, answer.status, 'the result has an unexpected shape');
  }
  const failure = FailureEnvelope.safeParse(json);
  if (failure.success) {
    throw errorForHttpFailure({
      status: answer.status,
      action,
      apiErrors: scrubbedApiErrors(failure.data.errors, scrub),
    });
  }
  const detail = json === undefined ? 'the body is not JSON' : 'the JSON has an unexpected shape';
  throw badResponseError(action, answer.status, detail);
}

/** Reads `result` from a 2xx JSON envelope and checks it against `schema`. */
export function readResult<T extends z.ZodType>(
  answer: ApiAnswer,
  schema: T,
  action: string,
  scrub: (text: string) => string,
): z.output<T> {
  const { result } = readEnvelope(answer, AnySuccess, action, scrub);
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  throw badResponseError(action, answer.status, 'the result has an unexpected shape');
}
