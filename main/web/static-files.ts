import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText } from './headers';

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

/**
 * The real path of a URL path inside `rendererDir`, or undefined. Encoded separators and NULs
 * are refused outright; after decoding, both the resolved path and its realpath must stay
 * inside the folder's realpath, so neither `..` nor a symlink leads out.
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
  const relative = decoded === '/' ? 'index.html' : `.${decoded}`;
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

/** GET/HEAD of a built renderer file; the security headers are already on the response. */
export async function serveStatic(
  rendererDir: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    sendText(response, 405, 'Read only.');
    return;
  }
  const file = await rendererFile(rendererDir, pathname);
  if (!file) {
    sendText(response, 404, 'Not found.');
    return;
  }
  const { size } = await stat(file);
  response.writeHead(200, {
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(file), response);
}
