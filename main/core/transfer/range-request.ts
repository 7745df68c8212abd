import type { IncomingMessage } from 'node:http';
import { parseRetryAfter } from '../backoff';
import type { Clock } from '../clock';
import { isHttpFailure } from '../http/http-errors';
import type { HttpStack } from '../http/http-stack';
import { TransferError } from './errors';

/** What the server agreed to send for one attempt. */
export type RangeAnswer =
  | {
      kind: 'body';
      /** Offset of the first body byte: the asked offset for a 206, 0 for a 200. */
      start: number;
      /** Where the body ends (exclusive): the asked end for a 206 of a closed range, else total. */
      end?: number;
      total?: number;
      /** A 206, or a 200 that announced `Accept-Ranges: bytes`. */
      ranges: boolean;
      etag?: string;
      lastModified?: string;
      body: IncomingMessage;
    }
  /** 416 for an offset equal to the size: the `.part` already holds every byte. */
  | { kind: 'complete'; total: number }
  /** 416 for any other offset: what we hold no longer fits the remote file. */
  | { kind: 'restart' };

export interface RangeAsk {
  url: URL;
  from: number;
  /** Exclusive end of a closed range (`bytes=from-(end-1)`); open to the end of file if absent. */
  end?: number;
  /** ETag (preferred) or Last-Modified of the bytes already held, sent as If-Range. */
  validator?: string;
  headersTimeoutMs: number;
  signal?: AbortSignal;
  http: HttpStack;
  /** Measures a Retry-After given as an HTTP date. */
  clock: Clock;
}

/**
 * Sends one GET for `bytes=<from>-` (with If-Range) through the app's HTTP stack (its proxy,
 * certificates and redirect policy) and classifies the answer. No credentials are ever
 * attached: delivery URLs carry their own signed token when they need one.
 */
export async function askForRange(ask: RangeAsk): Promise<RangeAnswer> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (ask.from > 0 || ask.end !== undefined) {
    headers.range = `bytes=${ask.from}-${ask.end === undefined ? '' : ask.end - 1}`;
    if (ask.validator) headers['if-range'] = ask.validator;
  }
  try {
    const { response } = await ask.http.get(ask.url, {
      headers,
      headersTimeoutMs: ask.headersTimeoutMs,
      signal: ask.signal,
    });
    return classify(response, ask);
  } catch (error) {
    throw asTransferError(error, ask.signal);
  }
}

export function checkedUrl(url: URL): URL {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TransferError('bad_url', `A download address must be http(s), not ${url.protocol}`);
  }
  return url;
}

function classify(response: IncomingMessage, { from, end, clock }: RangeAsk): RangeAnswer {
  const status = response.statusCode ?? 0;
  if (status === 200 || status === 206) return bodyAnswer(response, from, end);
  response.resume();
  if (status === 416) {
    const total = parseTotal(response.headers['content-range']);
    return total !== undefined && total === from
      ? { kind: 'complete', total }
      : { kind: 'restart' };
  }
  throw statusError(status, parseRetryAfter(response.headers, clock.now()));
}

function bodyAnswer(response: IncomingMessage, from: number, end?: number): RangeAnswer {
  const type = response.headers['content-type'] ?? '';
  if (/text\/html|application\/xhtml/i.test(type)) {
    response.destroy();
    throw new TransferError(
      'captive_portal',
      'A web page came back instead of the video: the network may need a sign-in (hotel or airport Wi-Fi).',
    );
  }
  const common = {
    body: response,
    ...optional('etag', strongEtag(response.headers.etag)),
    ...optional('lastModified', response.headers['last-modified']),
  };
  if (response.statusCode === 200) {
    const length = Number(response.headers['content-length']);
    const total = Number.isFinite(length) ? length : undefined;
    return {
      kind: 'body',
      start: 0,
      ...optional('total', total),
      ...optional('end', total),
      ranges: /\bbytes\b/i.test(String(response.headers['accept-ranges'] ?? '')),
      ...common,
    };
  }
  const range = parseContentRange(response.headers['content-range']);
  const last = end === undefined ? range?.total : Math.min(end, range?.total ?? end);
  if (!range || range.start !== from || range.end !== (last ?? 0) - 1) {
    response.destroy();
    throw new TransferError(
      'server_error',
      'The server sent a different byte range than was asked.',
    );
  }
  return {
    kind: 'body',
    start: from,
    end: range.end + 1,
    total: range.total,
    ranges: true,
    ...common,
  };
}

function statusError(status: number, retryAfterMs?: number): TransferError {
  if (status === 401 || status === 403) {
    return new TransferError(
      'url_forbidden',
      'The download link was refused (expired or not allowed).',
      status,
    );
  }
  if (status === 404 || status === 410) {
    return new TransferError(
      'url_not_found',
      'The download is not available at this address.',
      status,
    );
  }
  if (status === 424) {
    return new TransferError('video_errored', 'Cloudflare could not process this video.', status);
  }
  return new TransferError(
    'server_error',
    `The download server answered HTTP ${status}.`,
    status,
    retryAfterMs,
  );
}

function asTransferError(error: unknown, signal?: AbortSignal): TransferError {
  if (error instanceof TransferError) return error;
  if (signal?.aborted) return new TransferError('aborted', 'The transfer was stopped.');
  if (isHttpFailure(error)) {
    if (error.code === 'redirect_refused' || error.code === 'too_many_redirects') {
      return new TransferError('redirect_refused', error.message);
    }
    const code =
      error.code === 'proxy_auth' || error.code === 'tls_untrusted' ? error.code : 'server_error';
    return new TransferError(code, error.message);
  }
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  if (code === 'ETIMEDOUT')
    return new TransferError('stalled', 'The server did not answer in time.');
  return new TransferError('network', `The connection failed (${code}).`);
}

/** Weak validators can't be used with If-Range (RFC 9110 §13.1.5): keep strong ones only. */
function strongEtag(etag: string | undefined): string | undefined {
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

function parseContentRange(value: string | undefined) {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

function parseTotal(value: string | undefined): number | undefined {
  const match = /^bytes \*\/(\d+)$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
