import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { statusReportFileName } from '../../main/core/library/paths';
import { tempFolder } from '../library/helpers';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { runCli } from './run-cli';

// Public samples of a few hundred kB each.
const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';
const WAVES = 'd4b2f3a7e5c6418cad3e4f5a6b7c8d9e';
const NOWHERE = '0123456789abcdef0123456789abcdef';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp() {
  emulator = await emulatorForTests();
  const library = tempFolder();
  const dir = tempFolder('offstream-profile-');
  const env = {
    ...cliAccountEnv(emulator),
    OFFSTREAM_LIBRARY: library,
    OFFSTREAM_POLICY_FILE: join(dir, 'no-policy.json'),
  };
  let n = 0;
  /** Writes a profile (text as given, or JSON) and runs `sync --json` on it. */
  const sync = async (profile: unknown) => {
    const file = join(dir, `profile-${++n}.json`);
    writeFileSync(file, typeof profile === 'string' ? profile : JSON.stringify(profile));
    const run = await runCli(['sync', file, '--json'], env);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    return { ...run, result: JSON.parse(last), file };
  };
  return { library, dir, env, sync };
}

function savedKinds(folder: string, uid: string): string[] {
  const index = openLibrary(folder);
  try {
    return index
      .getFiles(uid)
      .filter((f) => f.status === 'present' && (f.role === 'default' || f.role === 'audio'))
      .map((f) => f.role)
      .sort();
  } finally {
    index.close();
  }
}

function settingOf(folder: string, key: 'kioskPlaylist' | 'downloadWindow') {
  const index = openLibrary(folder);
  try {
    return index.getSetting(key);
  } finally {
    index.close();
  }
}

describe('offstream sync', () => {
  it('converges a fresh library to the minimal profile, then does nothing the second time', async () => {
    const { library, sync } = await setUp();
    const profile = { version: 1, videos: [ALPINE, HARBOUR], unlisted: 'remove' };
    const first = await sync(profile);
    expect(first.code).toBe(0);
    expect(first.result).toMatchObject({ ok: true, downloaded: 2, removed: 0, profileVersion: 1 });
    expect(savedKinds(library, ALPINE)).toEqual(['default']);
    expect(savedKinds(library, HARBOUR)).toEqual(['default']);

    const report = JSON.parse(readFileSync(join(library, statusReportFileName), 'utf8'));
    expect(report).toMatchObject({
      format: 1,
      profile: first.file,
      lastSync: { ok: true, profileVersion: 1, downloaded: 2, removed: 0 },
      restarts: { total: 0 },
    });
    expect(report.lastSync.items).toEqual([
      { uid: ALPINE, kind: 'default', state: 'saved' },
      { uid: HARBOUR, kind: 'default', state: 'saved' },
    ]);
    expect(report.freeBytes).toBeGreaterThan(0);
    expect(report.appVersion).toMatch(/^\d+\.\d+\.\d+/);

    const second = await sync(profile);
    expect(second.code).toBe(0);
    expect(second.result).toMatchObject({ ok: true, downloaded: 0, removed: 0 });
    const posts = emulator?.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/downloads/default'),
    );
    expect(posts).toHaveLength(2);
  });

  it('keeps a video dropped from the profile with "keep", and removes it with "remove"', async () => {
    const { library, sync } = await setUp();
    expect((await sync({ version: 1, videos: [ALPINE, HARBOUR] })).result.downloaded).toBe(2);
    // The machine's own playlist: a profile without a kiosk section only takes removed videos out.
    const index = openLibrary(library);
    index.setSetting('kioskPlaylist', [HARBOUR, ALPINE]);
    index.close();

    const kept = await sync({ version: 1, videos: [ALPINE], unlisted: 'keep' });
    expect(kept.result).toMatchObject({ ok: true, downloaded: 0, removed: 0, kept: 1 });
    expect(savedKinds(library, HARBOUR)).toEqual(['default']);
    expect(settingOf(library, 'kioskPlaylist')).toEqual([HARBOUR, ALPINE]);

    const removed = await sync({ version: 1, videos: [ALPINE], unlisted: 'remove' });
    expect(removed.result).toMatchObject({ ok: true, downloaded: 0, removed: 1 });
    expect(savedKinds(library, HARBOUR)).toEqual([]);
    expect(savedKinds(library, ALPINE)).toEqual(['default']);
    expect(settingOf(library, 'kioskPlaylist')).toEqual([ALPINE]);
  });

  it('never removes a video the policy’s locked kiosk plays, and says nothing of a playlist it did not set', async () => {
    const { library, env, sync } = await setUp();
    expect((await sync({ version: 1, videos: [ALPINE, HARBOUR, WAVES] })).result.downloaded).toBe(
      3,
    );
    const schedule = {
      windows: [{ days: ['sat'], from: '10:00', to: '16:00', playlist: [WAVES] }],
      outside: { show: 'black' },
    };
    writeFileSync(
      env.OFFSTREAM_POLICY_FILE,
      JSON.stringify({ kioskPlaylist: [HARBOUR], kioskSchedule: schedule }),
    );
    const run = await sync({ version: 1, videos: [ALPINE], unlisted: 'remove' });
    expect(run.result).toMatchObject({ ok: true, removed: 0, kept: 2, lockedByPolicy: [] });
    expect(savedKinds(library, HARBOUR)).toEqual(['default']);
    expect(savedKinds(library, WAVES)).toEqual(['default']);
    expect(settingOf(library, 'kioskPlaylist')).toEqual([HARBOUR]);
  });

  it('picks videos by creator and meta, saves both kinds and writes the playlist and window', async () => {
    const { library, sync } = await setUp();
    for (const [uid, creator, kiosk] of [
      [WAVES, 'signage', 'lobby'],
      [HARBOUR, 'signage', 'canteen'],
      [ALPINE, 'someone-else', 'lobby'],
    ] as const) {
      await edit(uid, { creator, meta: { kiosk } });
    }
    const downloadWindow = {
      windows: [{ days: ['mon', 'tue'], from: '01:00', to: '05:00' }],
      capInside: 0,
      outside: { mode: 'paused' },
    };
    const { code, result } = await sync({
      version: 1,
      filter: { creator: 'signage', meta: { kiosk: 'lobby' } },
      kinds: ['default', 'audio'],
      kiosk: {},
      downloadWindow,
      unlisted: 'remove',
    });
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, downloaded: 2, removed: 0 });
    expect(savedKinds(library, WAVES)).toEqual(['audio', 'default']);
    expect(savedKinds(library, HARBOUR)).toEqual([]);
    expect(savedKinds(library, ALPINE)).toEqual([]);
    expect(settingOf(library, 'kioskPlaylist')).toEqual([WAVES]);
    expect(settingOf(library, 'downloadWindow')).toEqual(downloadWindow);
  });

  it('reports a video the account does not have, saves the others, and exits 1', async () => {
    const { library, sync } = await setUp();
    const { code, result } = await sync({ version: 1, videos: [NOWHERE, ALPINE] });
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, downloaded: 1, removed: 0 });
    expect(result.failed).toEqual([
      expect.objectContaining({ uid: NOWHERE, state: 'not_found', code: 'video_not_found' }),
    ]);
    expect(savedKinds(library, ALPINE)).toEqual(['default']);
  });

  it('refuses an invalid or unreadable profile with a coded message and changes nothing', async () => {
    const { library, env, sync } = await setUp();
    expect((await sync({ version: 1, videos: [ALPINE], kiosk: {} })).code).toBe(0);
    const before = readFileSync(join(library, statusReportFileName), 'utf8');
    const bad = [
      { version: 2, videos: [], unlisted: 'remove' },
      { version: 1, videos: [HARBOUR], unlisted: 'remove', unlistd: 'typo' },
      { version: 1, videos: ['not-a-uid'], unlisted: 'remove' },
      '{"version": 1, "videos": [',
    ];
    for (const profile of bad) {
      const run = await sync(profile);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[profile_invalid]');
      expect(run.result).toMatchObject({ ok: false, downloaded: 0, removed: 0 });
      expect(run.result.error.code).toBe('profile_invalid');
    }
    const missing = await runCli(['sync', join(library, 'absent.json')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[profile_unreadable]');

    expect(savedKinds(library, ALPINE)).toEqual(['default']);
    expect(settingOf(library, 'kioskPlaylist')).toEqual([ALPINE]);
    // The report says the last attempt failed, and why; the saved items are untouched.
    const after = JSON.parse(readFileSync(join(library, statusReportFileName), 'utf8'));
    expect(after.lastSync).toMatchObject({ ok: false, error: { code: 'profile_unreadable' } });
    expect(JSON.parse(before).lastSync).toMatchObject({ ok: true });
    expect(existsSync(join(library, 'media', HARBOUR))).toBe(false);
  });
});

/** Sets a video's creator and meta through the emulated API, as an uploader would. */
async function edit(uid: string, body: { creator: string; meta: Record<string, string> }) {
  if (!emulator) throw new Error('no emulator');
  const response = await fetch(`${emulator.apiBase}/accounts/${emulator.accountId}/stream/${uid}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`edit answered ${response.status}`);
}
