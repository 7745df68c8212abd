import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Channel,
  channelNames,
  channels,
  type EventName,
  type EventPayload,
  type Outcome,
  type ResultOf,
} from '../../main/contract/index';
import { type FolderPurpose, memorySecretStore } from '../../main/core/app/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { displayPath } from '../../main/core/problems/display-path';
import type { BackendOptions } from '../../main/handlers/index';
import { emulatorForTests, readyDownload } from '../support/emulator';
import { quickTuning } from '../support/quick-tuning';

/** What the suite needs of a transport: calls, events, media, and shutting it down. */
export interface ContractClient {
  invoke(channel: string, args: unknown): Promise<Outcome<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  fetchMedia(id: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Builds the client over one transport from backend options the suite prepares (temp folders,
 * a local emulator as both the demo and the account, scripted folder choices). A transport
 * passes them to createBackend and wraps the result in its own wire format.
 */
export type OpenContractClient = (options: BackendOptions) => Promise<ContractClient>;

const [alpine, harbour, keynote, waves] = sampleVideos as [
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
];
const unknownUid = '0123456789abcdef0123456789abcdef';

/** Calls a channel that must succeed and returns its value, parsed with the contract. */
async function call<C extends Channel>(
  client: ContractClient,
  channel: C,
  args: unknown = {},
): Promise<ResultOf<C>> {
  const outcome = await client.invoke(channel, args);
  if (!outcome.ok)
    throw new Error(`${channel} failed: ${outcome.error.code} ${outcome.error.message}`);
  return channels[channel].result.parse(outcome.value) as ResultOf<C>;
}

/** Calls a channel that must fail and returns its problem. */
async function problem(client: ContractClient, channel: string, args: unknown = {}) {
  const outcome = await client.invoke(channel, args);
  if (outcome.ok) throw new Error(`${channel} succeeded, a problem was expected`);
  expect(outcome.error.message).not.toMatch(/\n\s+at /);
  return outcome.error;
}

function nextEvent<E extends EventName>(
  client: ContractClient,
  event: E,
  matches: (payload: EventPayload<E>) => boolean,
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const off = client.on(event, (payload) => {
      if (!matches(payload)) return;
      off();
      resolve(payload);
    });
  });
}

export function defineContractSuite(name: string, open: OpenContractClient): void {
  describe(`contract over ${name}`, () => {
    let emulator: RunningEmulator;
    let client: ContractClient;
    let root: string;
    let nextFolder: string | undefined;
    const used = new Set<string>();
    const folder = (label: string) => join(root, label);

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'offstream-contract-'));
      emulator = await emulatorForTests({ preparationMs: 300 });
      client = await open({
        configDir: folder('config'),
        libraryFolder: folder('library'),
        secrets: memorySecretStore(),
        startDemo: async () => ({ ...emulator, close: async () => {} }),
        chooseFolder: async (_purpose: FolderPurpose) => nextFolder,
        apiBase: emulator.apiBase,
        info: { version: '0.0.0-test', transport: 'http' },
        resultCheck: 'throw',
        tuning: quickTuning,
      });
    });

    afterAll(async () => {
      await client?.close();
      await emulator?.close();
      rmSync(root, { recursive: true, force: true });
    });

    const invoke = <C extends Channel>(channel: C, args: unknown = {}) => {
      used.add(channel);
      return call(client, channel, args);
    };
    const refuse = (channel: Channel, args: unknown = {}) => {
      used.add(channel);
      return problem(client, channel, args);
    };

    it('starts with no account and default settings', async () => {
      const info = await invoke('app:info');
      expect(info.version).toBe('0.0.0-test');
      expect(await invoke('account:status')).toEqual({
        mode: 'none',
        accountId: null,
        problem: null,
      });
      const settings = await invoke('settings:get');
      expect(settings).toMatchObject({ concurrency: 2, bandwidthCap: 0, kioskPinSet: false });
      const page = await invoke('catalogue:list');
      expect(page).toEqual({ items: [], nextCursor: null, remote: false });
      expect((await refuse('catalogue:refresh')).code).toBe('no_account');
    });

    it('opens the demo account and lists, searches and pages its catalogue', async () => {
      const status = await invoke('account:demo');
      expect(status).toMatchObject({ mode: 'demo', accountId: emulator.accountId });
      const changed = nextEvent(client, 'catalogue:changed', () => true);
      expect((await invoke('catalogue:refresh')).count).toBeGreaterThanOrEqual(4);
      await changed;
      const all = await invoke('catalogue:list', { limit: 2 });
      expect(all.remote).toBe(true);
      expect(all.items).toHaveLength(2);
      expect(all.nextCursor).not.toBeNull();
      const second = await invoke('catalogue:list', { limit: 2, cursor: all.nextCursor });
      expect(second.items.map((c) => c.uid)).not.toContain(all.items[0]?.uid);
      const found = await invoke('catalogue:list', { search: 'alpine' });
      expect(found.items.map((c) => c.uid)).toEqual([alpine.uid]);
      expect(found.items[0]).toMatchObject({ offline: false, missing: false, thumbnail: null });
      expect((await invoke('catalogue:list', { filter: 'offline' })).items).toEqual([]);
    });

    it('downloads a sample to complete, with job events, and plays it by media id', async () => {
      const complete = nextEvent(
        client,
        'job:state',
        (job) => job.uid === alpine.uid && job.state === 'complete',
      );
      const started = await invoke('download:start', { uid: alpine.uid });
      expect(started).toMatchObject({ uid: alpine.uid, kind: 'default' });
      await complete;
      const offline = await invoke('catalogue:list', { filter: 'offline' });
      expect(offline.items.map((c) => c.uid)).toEqual([alpine.uid]);
      const source = await vi.waitFor(
        async () => {
          const value = await invoke('playback:source', { uid: alpine.uid });
          expect(value.captions).toHaveLength(2);
          return value;
        },
        { timeout: 5_000, interval: 50 },
      );
      expect(source).toMatchObject({ video: `${alpine.uid}.default`, name: alpine.name });
      const ranged = await client.fetchMedia(source.video, { range: 'bytes=0-99' });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
      expect((await ranged.arrayBuffer()).byteLength).toBe(100);
      const track = source.captions.find((c) => c.language === 'en');
      const vtt = await client.fetchMedia(track?.track ?? '');
      expect((await vtt.text()).startsWith('WEBVTT')).toBe(true);
      expect((await client.fetchMedia(`${harbour.uid}.default`)).status).toBe(404);
      await invoke('playback:save-position', { uid: alpine.uid, seconds: 4.5, duration: 12 });
      expect((await invoke('playback:source', { uid: alpine.uid })).position).toBe(4.5);
      const jobs = await invoke('downloads:list');
      expect(jobs.find((j) => j.uid === alpine.uid)?.state).toBe('complete');
      expect((await invoke('download:retry', { uid: alpine.uid })).state).toBe('complete');
    });

    it('pauses, resumes and cancels a download', async () => {
      await invoke('download:start', { uid: harbour.uid, kind: 'audio' });
      const target = { uid: harbour.uid, kind: 'audio' };
      expect((await invoke('download:pause', target)).state).toBe('paused');
      expect((await invoke('download:resume', target)).state).not.toBe('paused');
      expect((await invoke('download:pause-all')).count).toBe(1);
      expect((await invoke('download:resume-all')).count).toBe(1);
      expect((await invoke('download:cancel', target)).state).toBe('removed');
      expect((await refuse('download:pause', target)).code).toBe('job_not_found');
    });

    it('saves a video from a delivery link', async () => {
      const url = await readyDownload(emulator, waves.uid);
      const complete = nextEvent(
        client,
        'job:state',
        (job) => job.uid === waves.uid && job.state === 'complete',
      );
      const job = await invoke('download:link', { url, name: 'Waves from a link' });
      expect(job.uid).toBe(waves.uid);
      await complete;
      expect((await invoke('playback:source', { uid: waves.uid })).name).toBe('Waves from a link');
      expect((await refuse('download:link', { url: 'https://example.com/x.mp4' })).code).toBe(
        'bad_url',
      );
    });

    it('reports storage, verifies, exports and imports the library', async () => {
      const storage = await invoke('library:storage');
      expect(storage.libraryBytes).toBeGreaterThan(0);
      expect(storage.files).toBeGreaterThanOrEqual(2);
      const report = await invoke('library:verify');
      expect(report).toMatchObject({ missing: [], corrupt: [] });
      expect(report.checked).toBe(storage.files);
      nextFolder = undefined;
      expect((await refuse('library:export')).code).toBe('cancelled');
      nextFolder = folder('export');
      const exported = await invoke('library:export');
      expect(exported.videos).toBe(2);
      const imported = await invoke('library:import');
      expect(imported).toEqual({ videos: 0, bytes: 0, conflicts: [] });
    });

    it('offers what to remove, shows disk use on the card, and plans a trip', async () => {
      const room = await invoke('storage:room', { order: 'largest' });
      expect(room.candidates.map((c) => c.uid).sort()).toEqual([alpine.uid, waves.uid].sort());
      const sizes = room.candidates.map((c) => c.diskBytes);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const page = await invoke('catalogue:list', { filter: 'offline', limit: 10 });
      const card = page.items.find((c) => c.uid === alpine.uid);
      expect(card?.diskBytes).toBe(room.candidates.find((c) => c.uid === alpine.uid)?.diskBytes);

      const readyBy = Date.now() + 60 * 60_000;
      const plan = await invoke('plan:trip', { uids: [harbour.uid, alpine.uid], readyBy });
      expect(plan.items.map((i) => [i.uid, i.verdict])).toEqual([
        [harbour.uid, 'ready'],
        [alpine.uid, 'saved'],
      ]);
      expect(plan.items[0]?.errorMs).toBeGreaterThan(0);
      expect((await refuse('plan:trip', { uids: [unknownUid], readyBy })).code).toBe(
        'video_not_found',
      );
      expect((await refuse('plan:trip', { uids: [], readyBy })).code).toBe('invalid_arguments');
    });

    it('stores settings and checks the kiosk PIN', async () => {
      const settings = await invoke('settings:set', {
        concurrency: 3,
        bandwidthCap: 0,
        theme: 'dark',
        kioskPlaylist: [alpine.uid],
        kioskPin: '2468',
      });
      expect(settings).toMatchObject({ concurrency: 3, theme: 'dark', kioskPinSet: true });
      expect(settings.kioskPlaylist).toEqual([alpine.uid]);
      expect(await invoke('kiosk:unlock', { pin: '1111' })).toEqual({ ok: false });
      expect(await invoke('kiosk:unlock', { pin: '2468' })).toEqual({ ok: true });
    });

    it('answers what the kiosk shows under its schedule, and records a stalled video', async () => {
      expect(await invoke('kiosk:now')).toMatchObject({ show: 'play', changeInMs: null });
      const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
      const always = { days: [...everyDay], from: '00:00', to: '00:00' };
      // 00:00–00:00 every day: always inside, so the window's own list plays.
      await invoke('settings:set', {
        kioskSchedule: {
          windows: [{ ...always, playlist: [alpine.uid] }],
          outside: { show: 'black' },
        },
      });
      const now = await invoke('kiosk:now');
      expect(now).toMatchObject({ show: 'play', playlist: [alpine.uid] });
      expect(now.changeInMs).toBeGreaterThan(0);
      // An empty own list is refused: leaving it out is how a window plays the kiosk playlist.
      const empty = await problem(client, 'settings:set', {
        kioskSchedule: { windows: [{ ...always, playlist: [] }], outside: { show: 'black' } },
      });
      expect(empty.code).toBe('invalid_arguments');
      expect(empty.message).toContain('kioskSchedule.windows.0.playlist');
      expect(empty.message).toContain('leave it out to play the kiosk playlist');
      await invoke('settings:set', { kioskSchedule: null });
      expect(await invoke('kiosk:video-stalled', { uid: alpine.uid, seconds: 3.04 })).toEqual({
        done: true,
      });
    });

    it('moves the library to another folder', async () => {
      const progress: number[] = [];
      const off = client.on('library:move-progress', (p) => progress.push(p.bytesDone));
      nextFolder = folder('moved');
      const settings = await invoke('settings:move-library');
      off();
      // The renderer gets the folder for display only, never a path it could send back.
      expect(settings.libraryLocation).toBe(displayPath(folder('moved')));
      expect(settings.libraryLocation).not.toContain(folder('moved'));
      expect(progress.length).toBeGreaterThan(0);
      expect((await client.fetchMedia(`${alpine.uid}.default`)).status).toBe(200);
    });

    it('removes a saved video', async () => {
      expect(await invoke('library:remove', { uid: alpine.uid })).toEqual({ done: true });
      expect((await refuse('playback:source', { uid: alpine.uid })).code).toBe('video_not_saved');
      const card = (await invoke('catalogue:list', { search: 'alpine' })).items[0];
      expect(card).toMatchObject({ offline: false, jobs: [] });
    });

    it('answers bad calls with problems', async () => {
      const bad = await problem(client, 'download:start', { uid: 'not-a-uid' });
      expect(bad.code).toBe('invalid_arguments');
      expect(bad.message).toContain('uid');
      expect((await problem(client, 'catalogue:list', { limit: 0 })).code).toBe(
        'invalid_arguments',
      );
      expect((await problem(client, 'no:such-channel', {})).code).toBe('unknown_channel');
      expect((await refuse('download:start', { uid: unknownUid })).code).toBe('video_not_found');
      expect((await refuse('playback:source', { uid: keynote.uid })).code).toBe('video_not_saved');
    });

    it('connects and disconnects an account', async () => {
      const wrong = await refuse('account:connect', {
        accountId: emulator.accountId,
        apiToken: 'x'.repeat(40),
      });
      expect(wrong.code).toBe('auth_invalid');
      expect(wrong.message).not.toContain('x'.repeat(40));
      const status = await invoke('account:connect', {
        accountId: emulator.accountId,
        apiToken: emulator.token,
      });
      expect(status).toEqual({ mode: 'account', accountId: emulator.accountId, problem: null });
      expect(JSON.stringify(status)).not.toContain(emulator.token);
      expect(await invoke('account:disconnect')).toMatchObject({ mode: 'none' });
      expect((await invoke('catalogue:list')).remote).toBe(false);
    });

    it('answers the update channels: here the app cannot update itself, settings persist', async () => {
      const status = await invoke('updates:status');
      expect(status).toMatchObject({
        supported: false,
        phase: 'idle',
        currentVersion: '0.0.0-test',
        checkAutomatically: true,
        connectionMetered: false,
        updatesAllowed: true,
      });
      expect(await invoke('updates:check')).toMatchObject({ phase: 'idle', supported: false });
      expect(await invoke('updates:restart')).toMatchObject({ phase: 'idle' });
      const metered = await invoke('updates:set', { connectionMetered: true });
      expect(metered).toMatchObject({ connectionMetered: true, checkAutomatically: true });
      expect(await invoke('updates:status')).toMatchObject({ connectionMetered: true });
      expect((await refuse('updates:set', { channel: 'beta' })).code).toBe('invalid_arguments');
      await invoke('updates:set', { connectionMetered: false });
    });

    it('covered every channel', () => {
      expect(channelNames.filter((c) => !used.has(c))).toEqual([]);
    });
  });
}
