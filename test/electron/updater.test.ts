import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readPolicy } from '../../main/core/app/fleet/policy';
import { type UpdateReport, UpdateService } from '../../main/core/app/updates/index';
import { ManualClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/log';
import { electronUpdaterPort, updateErrorCode } from '../../main/electron/updater';
import { installerName, newVersion, startUpdateServer, type UpdateServer } from './update-server';

vi.mock('electron', () => ({}));

/*
 * electron-updater's real code runs here: GenericProvider reads the channel file, AppUpdater
 * compares versions, AppImageUpdater downloads through ElectronHttpExecutor and builder-util-
 * runtime's DigestTransform checks the SHA-512, DownloadedUpdateHelper keeps the verified file.
 * Only Electron itself is replaced: `app` by an AppAdapter over temp folders (electron-updater's
 * own seam), and `net.request` by Node's http.request (the same ClientRequest events).
 * Not exercised: the installers themselves (AppImage swap, NSIS's publisher-signature check
 * through PowerShell, macOS Squirrel) and Chromium's network stack.
 */
const require = createRequire(import.meta.url);
const electronPath = require.resolve('electron');
const fakeElectron = {
  // A fresh connection per request, as Chromium's net module owns its sockets.
  net: {
    request: ({ session: _, ...options }: Record<string, unknown>) =>
      httpRequest({ ...options, agent: false }),
  },
  session: { fromPartition: () => ({}) },
};

let server: UpdateServer;
let root: string;
let previousAppImage: string | undefined;

beforeAll(async () => {
  const fake = new Module(electronPath);
  fake.exports = fakeElectron;
  fake.loaded = true;
  require.cache[electronPath] = fake;
  server = await startUpdateServer();
  root = mkdtempSync(join(tmpdir(), 'offstream-updates-'));
  // AppImageUpdater downloads only for an app started from an AppImage.
  previousAppImage = process.env.APPIMAGE;
  process.env.APPIMAGE = join(root, 'Offstream-0.1.0.AppImage');
  writeFileSync(process.env.APPIMAGE, 'the running version');
});

afterAll(async () => {
  delete require.cache[electronPath];
  if (previousAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = previousAppImage;
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  server.requests.length = 0;
});

/** An installed Offstream 0.1.0 whose app-update.yml points at one route of the server. */
function installedApp(route: 'good' | 'tampered') {
  const dir = mkdtempSync(join(root, 'run-'));
  const resources = join(dir, 'resources');
  for (const sub of [resources, join(dir, 'userData'), join(dir, 'cache')]) {
    mkdirSync(sub, { recursive: true });
  }
  const configPath = join(resources, 'app-update.yml');
  writeFileSync(
    configPath,
    `provider: generic\nurl: ${server.url(route)}\nupdaterCacheDirName: offstream-updater\n`,
  );
  const app: AppAdapter = {
    version: '0.1.0',
    name: 'Offstream',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new AppImageUpdater(null, app);
  Object.assign(updater, { httpExecutor: new ElectronHttpExecutor() });
  // A full download on every OS (the differential path is tried first only on Linux).
  updater.disableDifferentialDownload = true;
  return { updater, dir, pending: join(dir, 'cache', 'offstream-updater', 'pending') };
}

interface Conditions {
  /** The policy's updateUrl, as main/electron/index.ts hands it over. */
  feedUrl?: string;
  osMetered?: () => Promise<boolean | undefined>;
  updatesAllowed?: boolean;
  kioskPlaying?: boolean;
  metered?: boolean;
  automatic?: boolean;
}

async function serviceFor(route: 'good' | 'tampered', conditions: Conditions = {}) {
  const installed = installedApp(route);
  const clock = new ManualClock();
  const configDir = join(installed.dir, 'userData');
  writeFileSync(
    join(configDir, 'updates.json'),
    JSON.stringify({
      checkAutomatically: conditions.automatic ?? true,
      connectionMetered: conditions.metered ?? false,
    }),
  );
  const service = await UpdateService.open({
    updater: electronUpdaterPort(installed.updater, silentLogger, conditions.feedUrl),
    currentVersion: '0.1.0',
    configDir,
    updatesAllowed: () => conditions.updatesAllowed ?? true,
    updateUrl: conditions.feedUrl,
    kioskPlaying: () => conditions.kioskPlaying ?? false,
    ...(conditions.osMetered ? { osSaysMetered: conditions.osMetered } : {}),
    clock,
    logger: silentLogger,
  });
  return { service, clock, ...installed };
}

/** A policy file as IT writes it, read as the desktop app reads it at start. */
function policyFile(json: unknown): string {
  const file = join(mkdtempSync(join(root, 'policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

function settles(service: UpdateService, phases: UpdateReport['phase'][]): Promise<UpdateReport> {
  return new Promise((resolve) => {
    const stop = service.subscribe((status) => {
      if (!phases.includes(status.phase)) return;
      stop();
      resolve(status);
    });
  });
}

const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('hex');

describe('updates against a local update server (electron-updater, Electron replaced)', () => {
  it('checks at start, downloads the newer version in the background and verifies it', async () => {
    const { service, updater, pending } = await serviceFor('good');
    const phases: string[] = [];
    service.subscribe((status) => phases.push(status.phase));
    const ready = settles(service, ['ready', 'error']);
    service.start();
    const status = await ready;
    service.stop();
    expect(status).toMatchObject({ phase: 'ready', version: newVersion, currentVersion: '0.1.0' });
    expect(phases).toContain('checking');
    expect(phases).toContain('available');
    expect(server.requests.filter((path) => path.startsWith('/good/latest'))).toHaveLength(1);
    expect(server.requests).toContain(`/good/${installerName}`);
    const kept = readFileSync(join(pending, installerName));
    expect(sha512(kept)).toBe(sha512(server.installer));
    // Installed on quit: the core switched electron-updater's install-on-quit on once ready.
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('refuses a file whose SHA-512 is not the one the metadata names, and keeps nothing', async () => {
    const { service, updater, pending } = await serviceFor('tampered');
    const settled = settles(service, ['ready', 'error']);
    service.start();
    const status = await settled;
    service.stop();
    expect(status.phase).toBe('error');
    expect(status.error?.code).toBe('update_tampered');
    expect(status.error?.message).toMatch(/sha512 checksum mismatch/);
    expect(server.requests).toContain(`/tampered/${installerName}`);
    const left = existsSync(pending) ? readdirSync(pending) : [];
    expect(left.filter((name) => name.endsWith('.AppImage'))).toEqual([]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('finds the update on the organisation’s server the policy names, not the built-in one', async () => {
    const { values, problems } = readPolicy(policyFile({ updateUrl: server.url('good') }));
    expect(problems).toEqual([]);
    // The built-in feed serves a tampered file: reaching it would end in update_tampered.
    const { service, pending } = await serviceFor('tampered', { feedUrl: values.updateUrl });
    const settled = settles(service, ['ready', 'error']);
    service.start();
    const status = await settled;
    service.stop();
    expect(status).toMatchObject({ phase: 'ready', version: newVersion });
    expect(server.requests).toContain(`/good/${installerName}`);
    expect(server.requests.filter((path) => path.startsWith('/tampered/'))).toEqual([]);
    expect(sha512(readFileSync(join(pending, installerName)))).toBe(sha512(server.installer));
  });

  it('reports the host of the organisation’s server the policy names, never its path', async () => {
    const url = 'https://mirror.corp.example:8443/offstream/team-payroll/';
    const { values } = readPolicy(policyFile({ updateUrl: url }));
    const { service } = await serviceFor('good', { feedUrl: values.updateUrl });
    const status = service.status();
    expect(status.organisationHost).toBe('mirror.corp.example:8443');
    expect(JSON.stringify(status)).not.toContain('team-payroll');

    const without = await serviceFor('good', {
      feedUrl: readPolicy(policyFile({})).values.updateUrl,
    });
    expect(without.service.status()).not.toHaveProperty('organisationHost');
  });

  it('keeps the built-in feed when the policy’s update URL is not https, and says why', async () => {
    const policy = readPolicy(policyFile({ updateUrl: 'http://updates.corp.example/offstream/' }));
    expect(policy.values.updateUrl).toBeUndefined();
    expect(policy.problems).toEqual([
      'The policy field "updateUrl" was ignored: must be https (http only for 127.0.0.1 or localhost).',
    ]);
    const { service } = await serviceFor('good', { feedUrl: policy.values.updateUrl });
    const settled = settles(service, ['ready', 'error']);
    service.start();
    expect((await settled).phase).toBe('ready');
    service.stop();
    expect(server.requests.some((path) => path.startsWith('/good/latest'))).toBe(true);
  });

  it.each([
    ['the policy says no', { updatesAllowed: false }, 'policy'],
    ['a kiosk is playing', { kioskPlaying: true }, 'kiosk'],
    ['the connection is metered', { metered: true }, 'metered'],
    ['automatic checks are off', { automatic: false }, 'automatic_off'],
    ['the OS says the network is metered', { osMetered: async () => true }, 'metered'],
  ] as const)('never reaches the server by itself when %s', async (_, conditions, reason) => {
    const { service, clock } = await serviceFor('good', conditions);
    service.start();
    clock.advance(3 * 24 * 60 * 60 * 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    service.stop();
    expect(server.requests).toEqual([]);
    expect(service.status()).toMatchObject({ phase: 'idle', blockedBy: reason });
  });

  it('"Check now" works with automatic checks off, but not over a metered connection', async () => {
    const off = await serviceFor('good', { automatic: false });
    const ready = settles(off.service, ['ready', 'error']);
    await off.service.checkNow();
    expect((await ready).phase).toBe('ready');

    server.requests.length = 0;
    const metered = await serviceFor('good', { metered: true });
    expect((await metered.service.checkNow()).blockedBy).toBe('metered');
    expect(server.requests).toEqual([]);
  });

  it('goes ahead when asking the OS about the network fails (the setting alone decides)', async () => {
    const osMetered = async (): Promise<boolean | undefined> => {
      throw new Error('gdbus: not found');
    };
    const { service } = await serviceFor('good', { osMetered });
    const settled = settles(service, ['ready', 'error']);
    service.start();
    expect((await settled).phase).toBe('ready');
    service.stop();
  });

  it('checks again a day later', async () => {
    const { service, clock } = await serviceFor('good', {});
    const first = settles(service, ['ready', 'error']);
    service.start();
    await first;
    const checks = () => server.requests.filter((path) => /\/latest.*\.yml$/.test(path)).length;
    expect(checks()).toBe(1);
    const second = settles(service, ['ready']);
    clock.advance(24 * 60 * 60 * 1000);
    await second;
    await vi.waitFor(() => expect(checks()).toBe(2));
    service.stop();
  });

  it('calls a refused file tampered: a SHA-512 mismatch, or a Windows publisher mismatch', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(updateErrorCode(coded('ERR_CHECKSUM_MISMATCH'))).toBe('update_tampered');
    expect(updateErrorCode(coded('ERR_UPDATER_INVALID_SIGNATURE'))).toBe('update_tampered');
    expect(updateErrorCode(coded('ENOTFOUND'))).toBe('update_failed');
    expect(updateErrorCode(new Error('no code'))).toBe('update_failed');
  });
});
