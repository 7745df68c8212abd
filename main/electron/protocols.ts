import type { CustomScheme, Protocol } from 'electron';
import type { AppBackend } from '../handlers/backend';
import { rendererAsset } from '../handlers/renderer-assets';
import { rendererPolicy } from '../handlers/renderer-policy';
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

/** media: is where the window plays library files from. */
export const contentSecurityPolicy = rendererPolicy(`${mediaScheme}:`);

type Handler = (request: Request) => Promise<Response>;

/** `app://offstream/<path>` → a file inside the built renderer folder, or 404. */
export function appFileHandler(rendererDir: string): Handler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return plain(404, 'Not found.');
    return rendererAsset(rendererDir, request.method, url.pathname, contentSecurityPolicy);
  };
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
