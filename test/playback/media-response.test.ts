import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { type LibraryIndex, openLibrary } from '../../main/core/library/index';
import { mediaIdOf, mediaPathOf } from '../../main/core/playback/media-id';
import { mediaResponse } from '../../main/core/playback/media-response';

const uid = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
let folder: string;
let library: LibraryIndex;
let size: number;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'offstream-media-'));
  library = openLibrary(folder);
  mkdirSync(join(folder, 'media', uid), { recursive: true });
  copyFileSync(join(samplesDir, 'alpine.mp4'), join(folder, 'media', uid, 'default.mp4'));
  size = statSync(join(folder, 'media', uid, 'default.mp4')).size;
  library.addFile({
    uid,
    role: 'default',
    path: `media/${uid}/default.mp4`,
    bytes: size,
    sha256: 'a'.repeat(64),
  });
});
afterEach(() => {
  library.close();
  rmSync(folder, { recursive: true, force: true });
});

const get = (id: string, headers: Record<string, string> = {}, method = 'GET') =>
  mediaResponse(library, id, new Request('http://x/media', { method, headers }));

describe('captions by language', () => {
  it('serves a caption saved before names were lower-cased, and a newer one', async () => {
    const captions = join(folder, 'media', uid, 'captions');
    mkdirSync(captions, { recursive: true });
    writeFileSync(join(captions, 'pt-BR.vtt'), 'WEBVTT\n\nold');
    writeFileSync(join(captions, 'de.vtt'), 'WEBVTT\n\nnew');
    for (const [language, path] of [
      ['pt-BR', `media/${uid}/captions/pt-BR.vtt`],
      ['de', `media/${uid}/captions/de.vtt`],
    ] as const) {
      library.addFile({ uid, role: 'caption', language, path, bytes: 13, sha256: 'b'.repeat(64) });
    }
    const old = await get(mediaIdOf({ uid, role: 'caption', language: 'pt-BR' }));
    expect(old.status).toBe(200);
    expect(await old.text()).toBe('WEBVTT\n\nold');
    expect((await get(`${uid}.caption.de`)).status).toBe(200);
    expect((await get(`${uid}.caption.fr`)).status).toBe(404);
  });
});

describe('media ids', () => {
  it('round-trips every role and refuses anything path-like', () => {
    expect(mediaPathOf(mediaIdOf({ uid, role: 'caption', language: 'pt-BR' }))?.path).toBe(
      `media/${uid}/captions/pt-br.vtt`,
    );
    for (const bad of [
      '../etc/passwd',
      `${uid}.default/../x`,
      `${uid}.caption.../x`,
      `${uid}.default.x`,
      `${uid}%2fdefault`,
      '',
    ]) {
      expect(mediaPathOf(bad)).toBeUndefined();
    }
  });
});

describe('mediaResponse', () => {
  it('serves the whole file with length, type and Accept-Ranges', async () => {
    const response = await get(`${uid}.default`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect((await response.arrayBuffer()).byteLength).toBe(size);
  });

  it('answers ranges, open ranges and suffix ranges with 206', async () => {
    const a = await get(`${uid}.default`, { range: 'bytes=100-199' });
    expect(a.status).toBe(206);
    expect(a.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await a.arrayBuffer()).byteLength).toBe(100);
    const b = await get(`${uid}.default`, { range: `bytes=${size - 10}-` });
    expect((await b.arrayBuffer()).byteLength).toBe(10);
    const c = await get(`${uid}.default`, { range: 'bytes=-500' });
    expect(c.headers.get('content-range')).toBe(`bytes ${size - 500}-${size - 1}/${size}`);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await get(`${uid}.default`, { range: `bytes=${size}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(`${uid}.default`, {}, 'HEAD');
    expect(response.headers.get('content-length')).toBe(String(size));
    expect(await response.text()).toBe('');
  });

  it('refuses ids that are not files of the library', async () => {
    expect((await get(`${uid}.audio`)).status).toBe(404);
    expect((await get('../../etc/passwd')).status).toBe(404);
    expect((await get(`${uid}.default%2f..%2f..`)).status).toBe(404);
  });

  it('refuses a symlink that leads out of the library', async () => {
    const outside = join(folder, '..', `outside-${Date.now()}.mp4`);
    writeFileSync(outside, 'secret');
    rmSync(join(folder, 'media', uid, 'default.mp4'));
    symlinkSync(outside, join(folder, 'media', uid, 'default.mp4'));
    try {
      expect((await get(`${uid}.default`)).status).toBe(404);
    } finally {
      rmSync(outside, { force: true });
    }
  });
});
