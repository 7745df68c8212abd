import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { tempFolder } from '../library/helpers';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { runCli } from './run-cli';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A machine whose IT wrote `policy` (text as given, or JSON). */
function machine(policy: unknown) {
  const dir = tempFolder('offstream-policy-cli-');
  const file = join(dir, 'policy.json');
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return { dir, env: { OFFSTREAM_POLICY_FILE: file, OFFSTREAM_LIBRARY: '' } };
}

describe('the command line under an IT policy', () => {
  it('uses the locked library folder and refuses another one with setting_locked', async () => {
    const managed = tempFolder();
    const { env } = machine({ libraryFolder: managed, proxy: { mode: 'system' } });
    const listed = await runCli(['library', '--json'], { ...env, OFFSTREAM_LIBRARY: undefined });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ videos: [] });

    const other = tempFolder();
    for (const run of [
      await runCli(['library', '--library', other], env),
      await runCli(['library'], { ...env, OFFSTREAM_LIBRARY: other }),
      await runCli(['library', '--proxy', 'none'], { ...env, OFFSTREAM_LIBRARY: undefined }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[setting_locked]');
      expect(run.stderr).toContain('Set by your organisation');
    }
  });

  it('refuses another account than the policy’s', async () => {
    const { env } = machine({ accountId: 'a'.repeat(32) });
    const library = tempFolder();
    for (const run of [
      await runCli(['library', '--library', library, '--account', 'b'.repeat(32)], env),
      await runCli(['library', '--library', library], {
        ...env,
        OFFSTREAM_ACCOUNT_ID: 'b'.repeat(32),
      }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[setting_locked]');
    }
    const same = await runCli(['library', '--library', library, '--account', 'a'.repeat(32)], env);
    expect(same.code).toBe(0);
  });

  it('ignores a bad field (reported on stderr) while the others apply', async () => {
    const managed = tempFolder();
    const { env } = machine({ libraryFolder: managed, bandwidthCap: 'fast' });
    const run = await runCli(['library', '--json'], { ...env, OFFSTREAM_LIBRARY: undefined });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"bandwidthCap" was ignored');
    // The locked folder was used: the library index was created there.
    const library = openLibrary(managed);
    expect(library.getSetting('bandwidthCap')).toBe(0);
    library.close();
  });

  it('an invalid policy file changes nothing: the flags and settings work as without one', async () => {
    const folder = tempFolder();
    const { env } = machine('{"libraryFolder": ');
    const run = await runCli(['library', '--json', '--library', folder], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('not JSON');
  });

  it('keeps the policy’s download window over a profile’s, and says so', async () => {
    emulator = await emulatorForTests();
    const folder = tempFolder();
    const policyWindow = {
      // All day every day: the window now governs downloads, and this sync must run at any hour.
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '00:00' },
      ],
      capInside: 0,
      outside: { mode: 'paused' },
    };
    const { dir, env } = machine({
      libraryFolder: folder,
      downloadWindow: policyWindow,
      bandwidthCap: 9_000_000,
    });
    const profile = join(dir, 'profile.json');
    writeFileSync(
      profile,
      JSON.stringify({
        version: 1,
        videos: [ALPINE],
        downloadWindow: {
          ...policyWindow,
          windows: [{ days: ['mon'], from: '01:00', to: '02:00' }],
        },
      }),
    );
    const run = await runCli(['sync', profile, '--json'], {
      ...env,
      OFFSTREAM_LIBRARY: undefined,
      ...cliAccountEnv(emulator),
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
    expect(result).toMatchObject({ ok: true, downloaded: 1, lockedByPolicy: ['downloadWindow'] });
    const library = openLibrary(folder);
    expect(library.getSetting('downloadWindow')).toEqual(policyWindow);
    expect(library.getSetting('bandwidthCap')).toBe(9_000_000);
    library.close();
  });
});
