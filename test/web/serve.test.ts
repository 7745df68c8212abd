import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, startServe } from '../../main/cli/commands/serve';
import { silentLogger } from '../../main/core/log';
import { findRendererDir, keyHeader } from '../../main/web/index';
import { type CliProcess, exitCode, firstLine, spawnCli } from '../support/cli-process';
import { makeRenderer } from './fixture';

let root: string;
let serving: Serving | undefined;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'offstream-serve-'));
});
afterEach(async () => {
  await serving?.close();
  serving = undefined;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function serve(label: string, demo: boolean, env: NodeJS.ProcessEnv = {}) {
  const base = join(root, label);
  return startServe({
    port: 0,
    demo,
    flags: { library: join(base, 'library') },
    version: '9.9.9',
    env: { OFFSTREAM_CONFIG_DIR: join(base, 'config'), ...env },
    logger: silentLogger,
    rendererDir: makeRenderer(base),
  });
}

interface Answer {
  ok: boolean;
  value?: unknown;
  error: { code: string; message: string; action?: string };
}

async function call(url: string, channel: string) {
  const response = await fetch(`${new URL(url).origin}/rpc/${channel}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [keyHeader]: new URL(url).searchParams.get('key') ?? '',
    },
    body: '{}',
  });
  return (await response.json()) as Answer;
}

describe('offstream serve', () => {
  it('serves the backend in browser mode and opens the demo with --demo', async () => {
    serving = await serve('demo', true);
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]{43}$/);
    expect(await call(serving.url, 'app:info')).toMatchObject({
      ok: true,
      value: { version: '9.9.9', transport: 'http' },
    });
    expect(await call(serving.url, 'account:status')).toMatchObject({ value: { mode: 'demo' } });
  });

  it('starts with no account without --demo, and says the browser mode has no folder picker', async () => {
    serving = await serve('plain', false);
    expect(await call(serving.url, 'account:status')).toMatchObject({ value: { mode: 'none' } });
    const exported = await call(serving.url, 'library:export');
    expect(exported).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(exported.error.message).toContain('no folder picker');
    expect(exported.error.action).toContain('OFFSTREAM_EXPORT_DIR');
  });

  it('exports to OFFSTREAM_EXPORT_DIR when it is set', async () => {
    const target = join(root, 'export-target');
    serving = await serve('export', false, { OFFSTREAM_EXPORT_DIR: target });
    expect(await call(serving.url, 'library:export')).toMatchObject({
      ok: true,
      value: { videos: 0 },
    });
    const moved = await call(serving.url, 'settings:move-library');
    expect(moved.error.action).toContain('--library');
  });
});

describe('finding the built renderer', () => {
  it('looks beside the bundled CLI (app/dist/cli → app/dist/renderer)', () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'cli'), { recursive: true });
    mkdirSync(join(dist, 'renderer'), { recursive: true });
    writeFileSync(join(dist, 'renderer', 'index.html'), '<!doctype html>');
    const bundle = pathToFileURL(join(dist, 'cli', 'offstream-main.cjs')).href;
    expect(findRendererDir(bundle)).toBe(join(dist, 'renderer/'));
    expect(findRendererDir(pathToFileURL(join(root, 'nowhere', 'x', 'y.js')).href)).toBe(undefined);
  });
});

// The CLI bundle carries `serve` once main/cli/offstream.ts registers it.
const registered = readFileSync(
  new URL('../../main/cli/offstream.ts', import.meta.url),
  'utf8',
).includes('registerServeCommand(program)');

describe.runIf(registered)('the built CLI', () => {
  let child: CliProcess | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('prints one JSON line with the address and stops cleanly on SIGTERM', async () => {
    const home = join(root, 'cli');
    child = spawnCli(['--library', join(home, 'library'), 'serve', '--demo', '--port', '0'], {
      OFFSTREAM_CONFIG_DIR: join(home, 'config'),
    });
    const printed = JSON.parse(await firstLine(child)) as { url: string };
    expect(Object.keys(printed)).toEqual(['url']);
    expect(await call(printed.url, 'account:status')).toMatchObject({ value: { mode: 'demo' } });
    const visit = await fetch(printed.url, { redirect: 'manual' });
    const cookie = visit.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(new URL(visit.headers.get('location') ?? '/', printed.url), {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });
});
