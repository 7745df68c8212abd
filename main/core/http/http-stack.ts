import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  HttpFailure,
  isHttpFailure,
  isUntrustedCertificate,
  proxyAuthRequired,
  untrustedCertificate,
} from './http-errors';
import type { ProxyResolver } from './proxy-resolver';
import { isRedirect, redirectTarget } from './redirect-policy';
import { RoutingAgent } from './routing-agent';

/** How requests leave this machine: the proxy for each URL and the authorities trusted. */
export interface NetworkSettings {
  proxy: ProxyResolver;
  /** undefined = Node's default store (bundled roots plus NODE_EXTRA_CA_CERTS). */
  ca: string[] | undefined;
}

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** No response headers for this long fails the request. */
  headersTimeoutMs: number;
}

export interface BodyOptions extends Omit<GetOptions, 'headers'> {
  accept?: string;
  /** Refused as soon as more than this arrives (or is declared). */
  maxBytes: number;
}

export interface SmallBody {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The one HTTP stack: API calls (got, on `agents`), media transfers and companions (`get`,
 * `getBody`) all leave through the same routing agents, with one redirect policy and the same
 * proxy and certificate settings, which `configure` replaces for every later request.
 */
export interface HttpStack {
  readonly agents: { http: RoutingAgent; https: RoutingAgent };
  /** Every later request waits for these settings (they may still be being read). */
  configure(settings: NetworkSettings | Promise<NetworkSettings>): void;
  /** A GET that follows redirects by the policy; the caller reads or discards the response. */
  get(url: URL, options: GetOptions): Promise<{ url: URL; response: IncomingMessage }>;
  /** A small body (thumbnail, caption), with its size limit enforced while it streams. */
  getBody(url: URL, options: BodyOptions): Promise<SmallBody>;
}

const direct: NetworkSettings = { proxy: async () => ({ kind: 'direct' }), ca: undefined };
let sharedDirect: HttpStack | undefined;

/** Straight to every host with Node's own CAs: for callers that were given no stack (tests). */
export function directHttpStack(): HttpStack {
  sharedDirect ??= createHttpStack();
  return sharedDirect;
}

export function createHttpStack(initial: NetworkSettings = direct): HttpStack {
  let settings = Promise.resolve(initial);
  const current = () => settings;
  const agents = { http: new RoutingAgent(current), https: new RoutingAgent(current) };
  agents.https.protocol = 'https:';
  agents.https.defaultPort = 443;

  const get: HttpStack['get'] = async (url, options) => {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await sendGet(current, options, agents);
      const location = response.headers.location;
      if (!isRedirect(response.statusCode) || !location) return { url: current, response };
      response.resume();
      current = redirectTarget(current, location, hop);
    }
  };

  return {
    agents,
    configure(next) {
      settings = Promise.resolve(next);
      // A bad setting fails each request that needs it, not the process.
      settings.catch(() => {});
      agents.http.reset();
      agents.https.reset();
    },
    get,
    getBody: async (url, options) => {
      const headers: Record<string, string> = options.accept ? { accept: options.accept } : {};
      const { response } = await get(url, { ...options, headers });
      const body = await readLimited(response, options.maxBytes);
      return { status: response.statusCode ?? 0, headers: response.headers, body };
    },
  };
}

function sendGet(
  url: URL,
  options: GetOptions,
  agents: HttpStack['agents'],
): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const headers = { 'user-agent': 'Offstream', ...options.headers };
  return new Promise((resolve, reject) => {
    const agent = secure ? agents.https : agents.http;
    const req = send(url, { method: 'GET', headers, agent, signal: options.signal }, (res) => {
      if (res.statusCode === 407) {
        res.resume();
        reject(proxyAuthRequired());
      } else resolve(res);
    });
    req.setTimeout(options.headersTimeoutMs, () =>
      req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })),
    );
    req.once('response', () => req.setTimeout(0));
    req.once('error', (error) => reject(classified(error, url)));
    req.end();
  });
}

/** Certificate failures get their own sentence; every other error travels on as it is. */
export function classified(error: unknown, url: URL): unknown {
  if (isHttpFailure(error)) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return isUntrustedCertificate(code) ? untrustedCertificate(url.host) : error;
}

/** Reads a whole body, refusing it the moment it passes `maxBytes` (declared or received). */
export async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  const tooLarge = () =>
    new HttpFailure('body_too_large', `The answer is larger than the ${maxBytes} bytes allowed.`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
