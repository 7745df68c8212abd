import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import type { AppBackend } from '../handlers/backend';
import { appHost, appOrigin, appScheme } from './origin';

export const mediaScheme = 'media';
export const mediaHost = 'library';

/** Registered before `ready`: both behave like https (origin, fetch, secure context). */
export const privilegedSchemes: CustomScheme[] = [
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  {
    scheme: mediaScheme,
    // corsEnabled: <track> captions are fetched cross-origin from app://offstream.
    privileges: {
      standard: true,
      secure: true,
      stream: true,
      supportFetchAPI: true,
      corsEnabled: true,
    },
  },
];

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' media: data:",
  "media-src 'self' media:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

type Handler = (request: Request) => Promise<Response>;

/** `app://offstream/<path>` → a file inside the built renderer folder, or 404. */
export function appFileHandler(rendererDir: string): Handler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Read only.');
    const url = new URL(request.url);
    if (url.host !== appHost) return plain(404, 'Not found.');
    const file = await rendererFile(rendererDir, url.pathname);
    if (!file) return plain(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}

/**
 * The real path of a URL path inside `rendererDir`, or undefined. Encoded separators are
 * refused outright; after decoding, the path is resolved and its realpath must stay inside
 * the folder's realpath, so neither `..` nor a symlink can lead out.
 */
export async function rendererFile(
  rendererDir: string,
  pathname: string,
): Promise<string | undefined> {
  if (/%(2f|5c|00)/i.test(pathname)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : `.${decoded}`;
  try {
    const root = await realpath(rendererDir);
    const candidate = resolve(root, relative);
    if (!candidate.startsWith(root + sep)) return undefined;
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** `media://library/<url-encoded id>` → the backend's media answer (Range lives there). */
export function mediaHandler(backend: Pick<AppBackend, 'media'>): Handler {
  return async (request) => {
    const url = new URL(request.url);
    const encoded = url.pathname.slice(1);
    if (url.host !== mediaHost || encoded === '' || encoded.includes('/')) {
      return plain(404, 'Not in the library.');
    }
    let id: string;
    try {
      id = decodeURIComponent(encoded);
    } catch {
      return plain(404, 'Not in the library.');
    }
    return withAppCors(await backend.media(id, request));
  };
}

/** A copy that lets the app origin read it (captions and fetch() are cross-origin reads). */
function withAppCors(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', appOrigin);
  const { status, statusText } = response;
  return new Response(response.body, { status, statusText, headers });
}

export function registerPrivilegedSchemes(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes);
}

export function handleProtocols(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  backend: Pick<AppBackend, 'media'>,
): void {
  protocol.handle(appScheme, appFileHandler(rendererDir));
  protocol.handle(mediaScheme, mediaHandler(backend));
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}
