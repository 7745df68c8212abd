import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Outcome } from '../contract/index';
import { closeServer, listenOnLoopback } from '../core/http/listen';
import { type Logger, silentLogger } from '../core/log';
import type { AppBackend } from '../handlers/backend';
import { rendererAsset } from '../handlers/renderer-assets';
import { Access, isUsableSecret, newSecret } from './access';
import { EventFanout, heartbeatMs, serveEvents } from './event-stream';
import { contentSecurityPolicy, sendJson, sendText, setSecurityHeaders } from './headers';
import { serveMedia } from './media';
import { keyRequiredPage } from './pages';
import { serveRpc } from './rpc';
import { sendWebResponse } from './send-response';

export interface WebServerOptions {
  backend: AppBackend;
  /** The built renderer (app/dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** The per-run key; a fresh random one unless given (tests). */
  secret?: string;
  logger?: Logger;
  /** How often an idle event stream gets a comment line, so proxies and clients keep it open. */
  heartbeatMs?: number;
}

export interface RunningWebServer {
  /** The address to open: carries the key, which the first visit moves into a cookie. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const unauthorised: Outcome<never> = {
  ok: false,
  error: {
    code: 'unauthorised',
    message: 'This call did not carry the key of this Offstream run.',
    action: 'Open the address `offstream serve` printed.',
  },
};

/**
 * The browser mode: the contract over HTTP (POST /rpc/<channel>, GET /events, /media/<id>) and
 * the built renderer, on 127.0.0.1 only, to callers that hold this run's key. It translates
 * transports and decides nothing; the backend does.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const secret = options.secret ?? newSecret();
  if (!isUsableSecret(secret)) {
    throw new Error('The browser-mode key must be 22 or more base64url characters.');
  }
  const logger = (options.logger ?? silentLogger).child({ component: 'web' });
  const server = createServer();
  const port = await listenOnLoopback(server, options.port ?? 0);
  const access = new Access(secret, port);
  const fanout = new EventFanout(options.backend);
  const routes: Routes = {
    access,
    fanout,
    backend: options.backend,
    rendererDir: options.rendererDir,
    heartbeatMs: options.heartbeatMs ?? heartbeatMs,
    logger,
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    route(routes, request, response).catch((error: unknown) => {
      // A player that seeks drops its request mid-file: routine, not worth a warning.
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        logger.warn('a request failed', { error: String(error) });
      }
      if (!response.headersSent) sendText(response, 500, 'Something went wrong.');
      else response.destroy();
    });
  });
  logger.info('browser mode listening', { origin: access.origin });
  return {
    url: `${access.origin}/?key=${encodeURIComponent(secret)}`,
    origin: access.origin,
    close: () => closeServer(server),
  };
}

interface Routes {
  access: Access;
  fanout: EventFanout;
  backend: AppBackend;
  rendererDir: string;
  heartbeatMs: number;
  logger: Logger;
}

async function route(routes: Routes, request: IncomingMessage, response: ServerResponse) {
  const { access, backend } = routes;
  setSecurityHeaders(response);
  if (!access.hostAllowed(request)) {
    sendText(response, 403, 'This is not the address Offstream listens on.');
    return;
  }
  if (!access.originAllowed(request)) {
    sendText(response, 403, 'Requests from other sites are refused.');
    return;
  }
  const url = new URL(request.url ?? '/', access.origin);
  if (url.pathname === '/' && url.searchParams.has('key') && request.method === 'GET') {
    openWithKey(access, url.searchParams.get('key') ?? '', response);
    return;
  }
  const located = access.locate(url.pathname);
  const { path } = located;
  if (!access.isAuthorised(request, located)) {
    if (path.startsWith('/rpc/')) sendJson(response, 401, unauthorised);
    else sendText(response, 401, keyRequiredPage, 'text/html; charset=utf-8');
    return;
  }
  if (url.pathname === access.prefix) {
    // The page's relative addresses need the trailing slash.
    response.writeHead(308, { location: `${access.prefix}/`, 'content-length': 0 });
    response.end();
  } else if (path.startsWith('/rpc/')) {
    const channel = safeDecode(path.slice('/rpc/'.length)) ?? '';
    await serveRpc(backend, channel, request, response, () => routes.fanout.lastEventId);
  } else if (path === '/events') {
    serveEvents(routes.fanout, request, response, routes);
  } else if (path.startsWith('/media/')) {
    await serveMedia(backend, path.slice('/media/'.length), access.origin, request, response);
  } else {
    const method = request.method ?? 'GET';
    const answer = await rendererAsset(routes.rendererDir, method, path, contentSecurityPolicy);
    await sendWebResponse(answer, method, response);
  }
}

/**
 * The printed address: the key is exchanged for a session cookie scoped to the page's prefix,
 * and leaves the address bar and history.
 */
function openWithKey(access: Access, key: string, response: ServerResponse): void {
  if (!access.matchesKey(key)) {
    sendText(response, 401, keyRequiredPage, 'text/html; charset=utf-8');
    return;
  }
  response.writeHead(303, {
    location: `${access.prefix}/`,
    'set-cookie': access.setCookie(),
    'cache-control': 'no-store',
    'content-length': 0,
  });
  response.end();
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
