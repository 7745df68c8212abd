import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { startEmulator } from '../../main/core/emulator/index';
import type { EmulatorOptions, MediaSource, RunningEmulator } from '../../main/core/emulator/types';
import { type DownloadKind, downloadFileName } from '../../main/core/stream/ids';
import { testTls } from './https-everywhere';

export async function emulatorForTests(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ preparationMs: 1, ...testTls(), ...options });
}

/** The environment that points the `offstream` command line at the emulator's account. */
export function cliAccountEnv(emulator: RunningEmulator): Record<string, string> {
  return {
    OFFSTREAM_API_BASE: emulator.apiBase,
    OFFSTREAM_ACCOUNT_ID: emulator.accountId,
    OFFSTREAM_API_TOKEN: emulator.token,
  };
}

/** Asks the emulated API for a download, makes it ready, and returns its delivery URL. */
export async function readyDownload(
  emulator: RunningEmulator,
  uid: string,
  kind: DownloadKind = 'default',
): Promise<string> {
  const response = await fetch(
    `${emulator.apiBase}/accounts/${emulator.accountId}/stream/${uid}/downloads/${kind}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: '{}',
    },
  );
  if (!response.ok) throw new Error(`POST downloads answered ${response.status}`);
  emulator.control.finishDownloads(uid);
  return `${emulator.deliveryBase}/${uid}/downloads/${downloadFileName[kind]}`;
}

export async function sha256Of(source: MediaSource): Promise<string> {
  const hash = createHash('sha256');
  const stream: Readable = source.open(0, source.size - 1);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function mediaOf(emulator: RunningEmulator, uid: string, kind: DownloadKind = 'default') {
  const media = emulator.videos.get(uid)?.media[kind];
  if (!media) throw new Error(`no ${kind} media for ${uid}`);
  return media;
}

/** Delivery requests for one video's download, in order. */
export function deliveryRequests(emulator: RunningEmulator, uid: string) {
  return emulator.requests.filter(
    (r) => r.host === 'delivery' && r.path.includes(`/${uid}/downloads/`),
  );
}
