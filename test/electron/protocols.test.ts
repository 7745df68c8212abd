import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { type LibraryIndex, openLibrary } from '../../main/core/library/index';
import { mediaResponse } from '../../main/core/playback/media-response';
import {
  appFileHandler,
  contentSecurityPolicy,
  handleProtocols,
  mediaHandler,
  privilegedSchemes,
  registerPrivilegedSchemes,
} from '../../main/electron/protocols';
import { rendererFile } from '../../main/handlers/renderer-assets';

vi.mock('electron', () => ({}));

let root: string;
let renderer: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'offstream-protocols-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Offstream</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
  symlinkSync(root, join(renderer, 'up'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scheme registration', () => {
  it('registers app and media as privileged standard secure schemes', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerPrivilegedSchemes(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith(privilegedSchemes);
    const byName = Object.fromEntries(privilegedSchemes.map((s) => [s.scheme, s.privileges]));
    expect(byName.app).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(byName.media).toMatchObject({
      standard: true,
      secure: true,
      stream: true,
      supportFetchAPI: true,
    });
    expect(byName.app?.bypassCSP).toBeFalsy();
    expect(byName.media?.bypassCSP).toBeFalsy();
  });

  it('handles both schemes', () => {
    const protocol = { handle: vi.fn() };
    handleProtocols(protocol, renderer, { media: async () => new Response('') });
    expect(protocol.handle.mock.calls.map(([scheme]) => scheme).sort()).toEqual(['app', 'media']);
  });
});

describe('app://offstream', () => {
  const get = (url: string, method = 'GET') =>
    appFileHandler(renderer)(new Request(url, { method }));

  it('serves index.html with the strict CSP and nosniff', async () => {
    for (const url of ['app://offstream/', 'app://offstream/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Offstream</title>');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(contentSecurityPolicy);
      for (const directive of [
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
      ]) {
        expect(csp.split('; ')).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('serves assets with their type', async () => {
    const response = await get('app://offstream/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    'app://offstream/../secret.txt',
    'app://offstream/%2e%2e/secret.txt',
    'app://offstream/assets/%2E%2E/%2e%2e/secret.txt',
    'app://offstream/assets%2f..%2f..%2fsecret.txt',
    'app://offstream/assets%2F..%2F..%2Fsecret.txt',
    'app://offstream/..%5csecret.txt',
    'app://offstream/assets/leak.txt',
    'app://offstream/up/secret.txt',
    'app://offstream/assets',
    'app://offstream/missing.js',
    'app://offstream/%E0%A4%A',
    'app://offstream/index.html%00.js',
    'app://elsewhere/index.html',
  ])('answers 404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses writes', async () => {
    expect((await get('app://offstream/index.html', 'POST')).status).toBe(405);
  });

  it('contains raw paths that were never normalized by a URL parser', async () => {
    expect(await rendererFile(renderer, '/../secret.txt')).toBeUndefined();
    expect(await rendererFile(renderer, '/assets/../../secret.txt')).toBeUndefined();
    expect(await rendererFile(renderer, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeUndefined();
    expect(await rendererFile(renderer, '/assets/../index.html')).toBe(
      join(renderer, 'index.html'),
    );
  });
});

describe('media://library', () => {
  const uid = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
  let folder: string;
  let library: LibraryIndex;
  let bytes: Buffer;
  const seen: string[] = [];
  const handler = () =>
    mediaHandler({
      media: (id, request) => {
        seen.push(id);
        return mediaResponse(library, id, request);
      },
    });

  beforeAll(() => {
    folder = join(root, 'library');
    library = openLibrary(folder);
    const file = join(folder, 'media', uid, 'default.mp4');
    mkdirSync(join(folder, 'media', uid), { recursive: true });
    copyFileSync(join(samplesDir, 'alpine.mp4'), file);
    bytes = readFileSync(file);
    library.addFile({
      uid,
      role: 'default',
      path: `media/${uid}/default.mp4`,
      bytes: statSync(file).size,
      sha256: 'a'.repeat(64),
    });
  });
  afterAll(() => library.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    handler()(new Request(url, { headers }));

  it('serves a file whole, readable by the app origin', async () => {
    const response = await get(`media://library/${encodeURIComponent(`${uid}.default`)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('access-control-allow-origin')).toBe('app://offstream');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers ranges with 206 and the exact bytes', async () => {
    const response = await get(`media://library/${uid}.default`, { range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await get(`media://library/${uid}.default`, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(
      true,
    );
    const beyond = await get(`media://library/${uid}.default`, {
      range: `bytes=${bytes.length}-`,
    });
    expect(beyond.status).toBe(416);
  });

  it('decodes the id once before asking the backend', async () => {
    seen.length = 0;
    await get(`media://library/${uid}%2Ecaption%2Ept-BR`);
    expect(seen).toEqual([`${uid}.caption.pt-BR`]);
  });

  it.each([
    `media://library/..%2f..%2fetc%2fpasswd`,
    `media://library/%2e%2e%2fsecret.txt`,
    `media://library/${uid}.default/extra`,
    `media://library/..`,
    `media://library/`,
    `media://library/%E0%A4%A`,
    `media://elsewhere/${uid}.default`,
    `media://library/${uid}.thumbnail`,
  ])('answers 404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
  });
});
