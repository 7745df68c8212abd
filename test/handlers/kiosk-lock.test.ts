import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, type Outcome } from '../../main/contract/index';
import { memorySecretStore } from '../../main/core/app/index';
import { waitAfter } from '../../main/core/app/kiosk-pin';
import { ManualClock } from '../../main/core/clock';
import { type Backend, createBackend } from '../../main/handlers/index';
import { kioskChannels } from '../../main/handlers/kiosk-gate';

const pin = '2468';
const roots: string[] = [];
const opened: Backend[] = [];

afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

interface Machine {
  root: string;
  clock: ManualClock;
}

function machine(): Machine {
  const root = mkdtempSync(join(tmpdir(), 'offstream-kiosk-'));
  roots.push(root);
  return { root, clock: new ManualClock() };
}

/** The app on this machine's config and library, as a kiosk launch or a normal one. */
async function launch(at: Machine, kiosk: boolean): Promise<Backend> {
  const backend = await createBackend({
    configDir: join(at.root, 'config'),
    libraryFolder: join(at.root, 'library'),
    secrets: memorySecretStore(),
    startDemo: async () => {
      throw new Error('no demo here');
    },
    chooseFolder: async () => undefined,
    info: { version: '0.0.0-test', transport: 'ipc', kiosk },
    clock: at.clock,
    resultCheck: 'throw',
  });
  opened.push(backend);
  return backend;
}

/** A machine whose operator set the PIN and ticked "Start in kiosk mode". */
async function provisioned(): Promise<Machine> {
  const at = machine();
  const setup = await launch(at, false);
  expect(await setup.dispatch('settings:set', { kioskPin: pin, kioskOnStart: true })).toMatchObject(
    {
      ok: true,
    },
  );
  await setup.close();
  opened.splice(opened.indexOf(setup), 1);
  return at;
}

const codeOf = (outcome: Outcome<unknown>) => (outcome.ok ? 'ok' : outcome.error.code);

const unlock = (backend: Backend, tried: string) =>
  backend.dispatch('kiosk:unlock', { pin: tried });

/** Every channel with arguments that would pass its schema, to show none reaches a handler. */
const argsFor: Partial<Record<string, unknown>> = {
  'account:connect': { accountId: 'f'.repeat(32), apiToken: 'x'.repeat(40) },
  'download:start': { uid: 'a'.repeat(32) },
  'download:link': { url: 'https://customer-x.cloudflarestream.com/a/downloads/default.mp4' },
  'download:pause': { uid: 'a'.repeat(32) },
  'download:resume': { uid: 'a'.repeat(32) },
  'download:cancel': { uid: 'a'.repeat(32) },
  'download:retry': { uid: 'a'.repeat(32) },
  'library:remove': { uid: 'a'.repeat(32) },
  'playback:save-position': { uid: 'a'.repeat(32), seconds: 1, duration: 2 },
  'settings:set': { kioskPin: null },
};

describe('a locked kiosk, in the main process', () => {
  it('refuses every channel a kiosk does not need, with kiosk_locked', async () => {
    const kiosk = await launch(await provisioned(), true);
    expect(kiosk.kiosk.isLocked).toBe(true);
    for (const channel of channelNames.filter((c) => !kioskChannels.has(c))) {
      const outcome = await kiosk.dispatch(channel, argsFor[channel] ?? {});
      expect(codeOf(outcome), channel).toBe('kiosk_locked');
    }
    expect(await kiosk.dispatch('settings:get', {})).toMatchObject({
      ok: true,
      value: { kioskPinSet: true, kioskOnStart: true },
    });
    expect(codeOf(await kiosk.dispatch('catalogue:list', { filter: 'offline' }))).toBe('ok');
    expect(codeOf(await kiosk.dispatch('app:info', {}))).toBe('ok');
  });

  it('serves everything again once the PIN is right, and only then', async () => {
    const kiosk = await launch(await provisioned(), true);
    expect(await unlock(kiosk, '1111')).toEqual({ ok: true, value: { ok: false } });
    expect(codeOf(await kiosk.dispatch('download:pause-all', {}))).toBe('kiosk_locked');
    expect(await unlock(kiosk, pin)).toEqual({ ok: true, value: { ok: true } });
    expect(kiosk.kiosk.isLocked).toBe(false);
    expect(codeOf(await kiosk.dispatch('download:pause-all', {}))).toBe('ok');
  });

  it('never locks a normal launch', async () => {
    const normal = await launch(await provisioned(), false);
    expect(codeOf(await normal.dispatch('download:pause-all', {}))).toBe('ok');
  });
});

describe('changing or removing the PIN needs the current one', () => {
  it.each([
    ['clearing the PIN', { kioskPin: null }],
    ['changing the PIN', { kioskPin: '1357' }],
    ['no longer starting in kiosk mode', { kioskOnStart: false }],
  ])('%s: refused without it or with a wrong one, done with it', async (_, patch) => {
    const app = await launch(await provisioned(), false);
    expect(codeOf(await app.dispatch('settings:set', patch))).toBe('kiosk_pin_required');
    const wrong = await app.dispatch('settings:set', { ...patch, currentPin: '0000' });
    expect(codeOf(wrong)).toBe('kiosk_pin_wrong');
    expect(await app.dispatch('settings:get', {})).toMatchObject({
      value: { kioskPinSet: true, kioskOnStart: true },
    });
    const right = await app.dispatch('settings:set', { ...patch, currentPin: pin });
    expect(codeOf(right)).toBe('ok');
  });

  it('asks nothing to set a first PIN, start in kiosk mode or change the playlist', async () => {
    const app = await launch(machine(), false);
    expect(codeOf(await app.dispatch('settings:set', { kioskOnStart: false }))).toBe('ok');
    expect(codeOf(await app.dispatch('settings:set', { kioskPin: pin }))).toBe('ok');
    expect(codeOf(await app.dispatch('settings:set', { kioskOnStart: true }))).toBe('ok');
    expect(codeOf(await app.dispatch('settings:set', { kioskPlaylist: [] }))).toBe('ok');
  });
});

describe('wrong PINs back off', () => {
  it('waits 1 s after the third wrong PIN, then 2 s, 4 s … never more than 5 min', () => {
    expect([1, 2, 3, 4, 5, 6].map(waitAfter)).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(waitAfter(30)).toBe(5 * 60_000);
  });

  it('refuses tries during the wait, even the right PIN, and the wait survives a restart', async () => {
    const at = await provisioned();
    const kiosk = await launch(at, true);
    for (const tried of ['0000', '1111', '2222']) {
      expect(await unlock(kiosk, tried)).toEqual({ ok: true, value: { ok: false } });
    }
    const waiting = await unlock(kiosk, pin);
    expect(waiting).toMatchObject({ ok: false, error: { code: 'kiosk_pin_backoff' } });
    expect(JSON.stringify(waiting)).toContain('1 s');

    await kiosk.close();
    opened.splice(opened.indexOf(kiosk), 1);
    const restarted = await launch(at, true);
    expect(codeOf(await unlock(restarted, pin))).toBe('kiosk_pin_backoff');
    at.clock.advance(1_000);
    expect(await unlock(restarted, '3333')).toEqual({ ok: true, value: { ok: false } });
    at.clock.advance(1_999);
    expect(codeOf(await unlock(restarted, pin))).toBe('kiosk_pin_backoff');
    at.clock.advance(1);
    expect(await unlock(restarted, pin)).toEqual({ ok: true, value: { ok: true } });
    // A right PIN clears the count: the next wrong one is free again.
    expect(await unlock(restarted, '4444')).toEqual({ ok: true, value: { ok: false } });
    expect(await unlock(restarted, pin)).toEqual({ ok: true, value: { ok: true } });
  });

  it('counts tries made at the same time: a burst gets three, not thousands', async () => {
    const kiosk = await launch(await provisioned(), true);
    const tries = Array.from({ length: 50 }, (_, i) => String(1000 + i));
    const outcomes = await Promise.all(tries.map((tried) => unlock(kiosk, tried)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => codeOf(o) === 'kiosk_pin_backoff')).toHaveLength(47);
  });

  it('applies to the current PIN of a settings change too', async () => {
    const app = await launch(await provisioned(), false);
    for (const tried of ['0000', '1111', '2222']) {
      const outcome = await app.dispatch('settings:set', { kioskPin: null, currentPin: tried });
      expect(codeOf(outcome)).toBe('kiosk_pin_wrong');
    }
    const waiting = await app.dispatch('settings:set', { kioskPin: null, currentPin: pin });
    expect(codeOf(waiting)).toBe('kiosk_pin_backoff');
  });
});
