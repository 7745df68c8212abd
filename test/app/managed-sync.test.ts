import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusReportFileName } from '../../main/core/library/paths';
import { tempFolder } from '../library/helpers';
import { type AppFixture, appFixture } from './helpers';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const reportOf = (f: AppFixture) =>
  JSON.parse(readFileSync(join(f.root, 'library', statusReportFileName), 'utf8'));

describe('the app on a managed machine', () => {
  it('reports at start, then syncs to the policy’s profile once an account is connected', async () => {
    const profile = join(tempFolder('offstream-managed-'), 'lobby.json');
    writeFileSync(profile, JSON.stringify({ version: 1, videos: [HARBOUR, ALPINE], kiosk: {} }));
    const policy = { file: 'policy.json', values: { profile }, problems: [] };
    fixture = await appFixture({ policy, profileSyncMs: 200 });
    const f = fixture;
    expect(reportOf(f)).toMatchObject({
      format: 1,
      appVersion: '1.2.3',
      profile,
      lastSync: null,
      restarts: { total: 0 },
    });

    await f.app.connect({ accountId: f.emulator.accountId, apiToken: f.emulator.token });
    await vi.waitFor(() => expect(reportOf(f).lastSync).toMatchObject({ ok: true }), {
      timeout: 20_000,
      interval: 100,
    });
    expect(f.app.settings().kioskPlaylist).toEqual([HARBOUR, ALPINE]);
    expect(existsSync(join(f.root, 'library', 'media', ALPINE, 'default.mp4'))).toBe(true);
    expect(reportOf(f).lastSync.items).toEqual([
      { uid: HARBOUR, kind: 'default', state: 'saved' },
      { uid: ALPINE, kind: 'default', state: 'saved' },
    ]);

    // After a restart the report keeps the last sync until the next one runs.
    const restarted = await f.restart();
    expect(restarted).toBeDefined();
    expect(reportOf(f).lastSync).toMatchObject({ ok: true, profileVersion: 1 });
  });

  it('counts the watchdog’s restarts from the restart log', async () => {
    fixture = await appFixture({
      policy: { file: 'p', values: { bandwidthCap: 0 }, problems: [] },
    });
    const f = fixture;
    const library = f.app.session().library;
    const now = Date.now();
    library.setSetting('restartLog', [
      { at: now - 3 * 86_400_000, what: 'renderer-crashed', detail: 'gone' },
      { at: now - 1000, what: 'video-stalled', detail: 'no progress' },
      { at: now - 500, what: 'video-stalled', detail: 'no progress' },
    ]);
    await f.restart();
    expect(reportOf(f).restarts).toEqual({
      total: 3,
      last24Hours: 2,
      byCause: { 'renderer-crashed': 1, 'video-stalled': 2 },
    });
  });

  it('connects only the account the policy names, and then keeps it', async () => {
    fixture = await appFixture();
    const f = fixture;
    const { accountId, token } = f.emulator;
    f.options.policy = {
      file: 'p',
      values: { accountId, allowAccountChange: false },
      problems: [],
    };
    const app = await f.restart();
    const other = { accountId: 'c'.repeat(32), apiToken: token };
    await expect(app.connect(other)).rejects.toMatchObject({ code: 'setting_locked' });
    await expect(app.demo()).rejects.toMatchObject({ code: 'setting_locked' });
    expect(await app.connect({ accountId, apiToken: token })).toMatchObject({
      mode: 'account',
      accountId,
    });
    await expect(app.disconnect()).rejects.toMatchObject({ code: 'setting_locked' });
    expect(app.settings().locked).toEqual(['account']);
  });
});
