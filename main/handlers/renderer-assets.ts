import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { securityHeaders } from './renderer-policy';

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

/**
 * GET or HEAD of a built renderer file as a web Response, for the app:// scheme and the browser
 * mode alike: the file streamed with its type and `policy`, or a plain 404 or 405.
 */
export async function rendererAsset(
  rendererDir: string,
  method: string,
  pathname: string,
  policy: string,
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') {
    return plain(405, 'Read only.', policy, { allow: 'GET, HEAD' });
  }
  const file = await rendererFile(rendererDir, pathname);
  if (!file) return plain(404, 'Not found.', policy);
  const { size } = await stat(file);
  const body =
    method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream);
  return new Response(body, {
    status: 200,
    headers: {
      ...securityHeaders(policy),
      'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-cache',
    },
  });
}

function plain(
  status: number,
  text: string,
  policy: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: {
      ...securityHeaders(policy),
      ...extra,
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'cache-control': 'no-store',
    },
  });
}
