import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir } from '../../main/cli/launcher/cache-dir';
import { cacheFileName, cacheVariant, loadBundle } from '../../main/cli/launcher/code-cache';
import { runCli } from './run-cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'offstream-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ran = globalThis as { codeCacheTestRuns?: string[] };

/** A CommonJS bundle with enough functions for V8 to cache, which says it ran. */
function writeBundle(name: string, marker: string): string {
  const file = join(dir, name);
  const helpers = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i}; }`);
  const calls = Array.from({ length: 50 }, (_, i) => `f${i}(1)`).join(' + ');
  writeFileSync(
    file,
    `${helpers.join('\n')}\nconst { join } = require('node:path').posix;\nmodule.exports.sum = ${calls};\n` +
      `(globalThis.codeCacheTestRuns ??= []).push(join('${marker}', __filename.endsWith('${name}') ? 'ok' : 'bad'));\n`,
  );
  return file;
}

const v8caches = (cacheDir: string) =>
  readdirSync(cacheDir)
    .filter((name) => name.endsWith('.v8cache'))
    .sort();

describe('the code cache of the command line', () => {
  it('is written after a first run, then used, and runs the bundle as require would', () => {
    ran.codeCacheTestRuns = [];
    const bundle = writeBundle('program.cjs', 'one');
    const cacheDir = join(dir, 'cache');
    const first = loadBundle(bundle, cacheDir, 'get');
    expect(first.cache).toBe('absent');
    first.run();
    first.save();
    expect(v8caches(cacheDir)).toEqual([
      expect.stringMatching(/^program-cjs-[0-9a-f]{16}-get\.v8cache$/),
    ]);
    // Windows keeps no POSIX mode bits: its per-user folder is private by its ACL.
    if (process.platform !== 'win32') expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const second = loadBundle(bundle, cacheDir, 'get');
    expect(second.cache).toBe('used');
    second.run();
    expect(ran.codeCacheTestRuns).toEqual(['one/ok', 'one/ok']);
  });

  it('is the module its chunks require back: the program never runs a second time', () => {
    const file = join(dir, 'program.cjs');
    writeFileSync(
      file,
      'globalThis.codeCacheTestStarts = (globalThis.codeCacheTestStarts ?? 0) + 1;\n' +
        "exports.shared = 'one copy';\n" +
        "exports.loadChunk = () => require('./chunk.cjs');\n",
    );
    writeFileSync(join(dir, 'chunk.cjs'), "module.exports = require('./program.cjs').shared;\n");
    const started = globalThis as { codeCacheTestStarts?: number };
    started.codeCacheTestStarts = 0;
    const loaded = loadBundle(file, undefined, 'serve');
    loaded.run();
    const program = createRequire(file)('./program.cjs') as { loadChunk(): string };
    expect(program.loadChunk()).toBe('one copy');
    expect(started.codeCacheTestStarts).toBe(1);
  });

  it('refuses a torn or foreign cache, runs without it and writes a good one', () => {
    const bundle = writeBundle('program.cjs', 'two');
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    const name = cacheFileName(bundle, readFileSync(bundle, 'utf8'), 'get');
    writeFileSync(join(cacheDir, name), Buffer.alloc(4096, 7));
    const torn = loadBundle(bundle, cacheDir, 'get');
    expect(torn.cache).toBe('rejected');
    torn.run();
    torn.save();
    expect(loadBundle(bundle, cacheDir, 'get').cache).toBe('used');
  });

  it('keeps one cache per command and drops those of an earlier build', () => {
    const cacheDir = join(dir, 'cache');
    const bundle = writeBundle('program.cjs', 'three');
    for (const variant of ['get', 'library']) {
      const loaded = loadBundle(bundle, cacheDir, variant);
      loaded.run();
      loaded.save();
    }
    const before = v8caches(cacheDir);
    expect(before).toHaveLength(2);
    writeBundle('program.cjs', 'rebuilt');
    const rebuilt = loadBundle(bundle, cacheDir, 'get');
    expect(rebuilt.cache).toBe('absent');
    rebuilt.run();
    rebuilt.save();
    const after = v8caches(cacheDir);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
  });

  it('costs only speed when the cache folder cannot be written', () => {
    const bundle = writeBundle('program.cjs', 'four');
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const loaded = loadBundle(bundle, join(blocked, 'cache'), 'get');
    loaded.run();
    expect(() => loaded.save()).not.toThrow();
    expect(loadBundle(bundle, undefined, 'get').cache).toBe('off');
  });

  it('names a cache only after a plain command word, never after what was typed', () => {
    expect(cacheVariant(['node', 'offstream', 'get', 'abc'])).toBe('get');
    expect(cacheVariant(['node', 'offstream', '--json'])).toBe('other');
    expect(cacheVariant(['node', 'offstream', '../../etc/x'])).toBe('other');
    expect(cacheVariant(['node', 'offstream'])).toBe('other');
    expect(() => cacheFileName('/x/program.cjs', '', '../x')).toThrow(/bad cache variant/);
  });

  it('lives in the per-user cache folder of each OS, never a relative one', () => {
    const env = { XDG_CACHE_HOME: '/var/cache/me' };
    expect(codeCacheDir(env, 'linux', '/home/ana')).toBe(
      join('/var/cache/me', 'offstream', 'code'),
    );
    expect(codeCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', '/home/ana')).toBe(
      join('/home/ana', '.cache', 'offstream', 'code'),
    );
    expect(codeCacheDir({}, 'darwin', '/Users/ana')).toBe(
      join('/Users/ana', 'Library', 'Caches', 'Offstream', 'code'),
    );
    expect(codeCacheDir({ OFFSTREAM_CODE_CACHE: 'off' }, 'linux', '/home/ana')).toBeUndefined();
    expect(codeCacheDir({}, 'linux', '')).toBeUndefined();
  });
});

/** The command line run as a user whose home, on any OS, is `home`, with a library there. */
function homeIn(home: string, extra: Record<string, string>) {
  const local = join(home, 'AppData', 'Local');
  return {
    HOME: home,
    USERPROFILE: home,
    LOCALAPPDATA: local,
    ...extra,
    OFFSTREAM_LIBRARY: join(home, 'library'),
  };
}

describe('the built command line', () => {
  it('caches a command that succeeded, leaves the cache alone next time, and none for a typo', async () => {
    const env = homeIn(dir, { XDG_CACHE_HOME: '' });
    const cacheDir = codeCacheDir(env, process.platform, dir) ?? '';
    const first = await runCli(['library', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const [written] = v8caches(cacheDir);
    expect(written).toMatch(/^offstream-main-cjs-[0-9a-f]{16}-library\.v8cache$/);
    const writtenAt = statSync(join(cacheDir, written ?? '')).mtimeMs;
    const second = await runCli(['library', '--json'], env);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(join(cacheDir, written ?? '')).mtimeMs).toBe(writtenAt);
    const typo = await runCli(['libary'], env);
    expect(typo.code).not.toBe(0);
    expect(v8caches(cacheDir)).toEqual([written]);
  });

  it('writes nothing with OFFSTREAM_CODE_CACHE=off', async () => {
    const env = homeIn(dir, { OFFSTREAM_CODE_CACHE: 'off' });
    const run = await runCli(['library', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['library']);
  });
});
