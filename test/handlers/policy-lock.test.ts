import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPolicy } from '../../main/core/app/fleet/policy';
import { memorySecretStore } from '../../main/core/app/index';
import { openLibrary } from '../../main/core/library/index';
import { type Backend, createBackend } from '../../main/handlers/index';

const roots: string[] = [];
const opened: Backend[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The app behind the contract on a machine whose IT wrote `policy` (text as given, or JSON). */
async function launch(policy: unknown, before?: (library: string) => void): Promise<Backend> {
  const root = mkdtempSync(join(tmpdir(), 'offstream-policy-app-'));
  roots.push(root);
  const file = join(root, 'policy.json');
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  before?.(join(root, 'library'));
  const backend = await createBackend({
    configDir: join(root, 'config'),
    libraryFolder: join(root, 'library'),
    secrets: memorySecretStore(),
    startDemo: async () => {
      throw new Error('no demo here');
    },
    chooseFolder: async () => join(root, 'elsewhere'),
    info: { version: '0.0.0-test', transport: 'ipc' },
    policy: readPolicy(file),
    resultCheck: 'throw',
  });
  opened.push(backend);
  return backend;
}

const lockedPolicy = {
  bandwidthCap: 1_000_000,
  kioskOnStart: true,
  proxy: { mode: 'none' },
  allowAccountChange: false,
  downloadWindow: 'at night',
};

describe('settings the policy locks', () => {
  it('read as the policy’s value, and are refused with setting_locked through the contract', async () => {
    const backend = await launch(lockedPolicy, (folder) => {
      const library = openLibrary(folder);
      library.setSetting('bandwidthCap', 5);
      library.close();
    });
    const settings = await backend.dispatch('settings:get', {});
    expect(settings).toMatchObject({
      ok: true,
      value: {
        bandwidthCap: 1_000_000,
        kioskOnStart: true,
        proxy: { mode: 'none' },
        locked: ['account', 'bandwidthCap', 'kioskOnStart', 'proxy'],
      },
    });
    const problems = settings.ok
      ? (settings.value as { policyProblems: string[] }).policyProblems
      : [];
    expect(problems).toEqual([expect.stringContaining('"downloadWindow" was ignored')]);

    for (const patch of [
      { bandwidthCap: 5 },
      { proxy: { mode: 'system' } },
      { kioskOnStart: false },
    ]) {
      const refused = await backend.dispatch('settings:set', patch);
      expect(refused).toMatchObject({ ok: false, error: { code: 'setting_locked' } });
    }
    // A refused patch changes nothing, even its unlocked part.
    const mixed = await backend.dispatch('settings:set', { concurrency: 5, bandwidthCap: 0 });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'setting_locked' } });
    expect(await backend.dispatch('settings:get', {})).toMatchObject({
      value: { bandwidthCap: 1_000_000, concurrency: 2 },
    });
    expect(await backend.dispatch('settings:set', { concurrency: 3 })).toMatchObject({
      ok: true,
      value: { concurrency: 3 },
    });
    expect(await backend.dispatch('account:demo', {})).toMatchObject({
      ok: false,
      error: { code: 'setting_locked' },
    });
  });

  it('locks what the kiosk plays: read as the policy’s, refused with setting_locked', async () => {
    const [lobby, news] = ['b'.repeat(32), 'c'.repeat(32)];
    const kioskSchedule = {
      windows: [{ days: ['mon', 'tue'], from: '08:00', to: '18:00', playlist: [news] }],
      outside: { show: 'black' },
    };
    const backend = await launch({ kioskPlaylist: [lobby], kioskSchedule }, (folder) => {
      const library = openLibrary(folder);
      library.setSetting('kioskPlaylist', [news, lobby]);
      library.close();
    });
    expect(await backend.dispatch('settings:get', {})).toMatchObject({
      ok: true,
      value: { kioskPlaylist: [lobby], kioskSchedule, locked: ['kioskPlaylist', 'kioskSchedule'] },
    });
    for (const patch of [{ kioskPlaylist: [news] }, { kioskSchedule: null }]) {
      expect(await backend.dispatch('settings:set', patch)).toMatchObject({
        ok: false,
        error: { code: 'setting_locked' },
      });
    }
  });

  it('a policy that is not JSON changes nothing and is reported', async () => {
    const backend = await launch('{"bandwidthCap": 1000', (folder) => {
      const library = openLibrary(folder);
      library.setSetting('bandwidthCap', 5);
      library.close();
    });
    const settings = await backend.dispatch('settings:get', {});
    expect(settings).toMatchObject({
      ok: true,
      value: {
        bandwidthCap: 5,
        policyProblems: ['The policy file is not JSON; none of it applies.'],
      },
    });
    expect(settings.ok && (settings.value as { locked?: string[] }).locked).toBeUndefined();
    expect(await backend.dispatch('settings:set', { bandwidthCap: 7 })).toMatchObject({
      ok: true,
      value: { bandwidthCap: 7 },
    });
  });

  it('locks the library folder: moving it is refused', async () => {
    const root = mkdtempSync(join(tmpdir(), 'offstream-policy-folder-'));
    roots.push(root);
    const backend = await launch({ libraryFolder: join(root, 'managed') });
    expect(await backend.dispatch('settings:get', {})).toMatchObject({
      value: { locked: ['libraryLocation'], libraryLocation: expect.stringContaining('managed') },
    });
    expect(await backend.dispatch('settings:move-library', {})).toMatchObject({
      ok: false,
      error: { code: 'setting_locked' },
    });
  });
});
