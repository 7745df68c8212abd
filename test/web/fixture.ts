import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memorySecretStore } from '../../main/core/app/index';
import type { Clock } from '../../main/core/clock';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { type AppBackend, type Backend, createBackend } from '../../main/handlers/index';
import { type RunningWebServer, startWebServer } from '../../main/web/index';
import { emulatorForTests } from '../support/emulator';
import { quickTuning } from '../support/quick-tuning';

export const outsideText = 'outside the renderer folder';

/** A renderer folder with a page, a script, and a symlink that points out of it. */
export function makeRenderer(root: string): string {
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Offstream</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app.js'), 'document.title = "ready";\n');
  writeFileSync(join(root, 'outside.txt'), outsideText);
  symlinkSync(join(root, 'outside.txt'), join(dir, 'link.txt'));
  return dir;
}

export interface WebFixture {
  root: string;
  emulator: RunningEmulator;
  backend: Backend;
  server: RunningWebServer;
  key: string;
  /** Backend subscriptions the server holds right now. */
  subscriptions(): number;
  close(): Promise<void>;
}

/** A real backend (the emulator as its demo) behind a web server, with a test renderer folder. */
export async function webFixture(
  options: {
    rendererDir?: string;
    heartbeatMs?: number;
    /** The backend's clock and zone (the kiosk's schedule is read at the instant it says). */
    clock?: Clock;
    timeZone?: string;
  } = {},
): Promise<WebFixture> {
  const root = mkdtempSync(join(tmpdir(), 'offstream-web-'));
  const emulator = await emulatorForTests({ preparationMs: 50 });
  const backend = await createBackend({
    configDir: join(root, 'config'),
    libraryFolder: join(root, 'library'),
    secrets: memorySecretStore(),
    startDemo: async () => ({ ...emulator, close: async () => {} }),
    chooseFolder: async () => undefined,
    apiBase: emulator.apiBase,
    info: { version: '0.0.0-test', transport: 'http' },
    resultCheck: 'throw',
    tuning: { queue: quickTuning.queue },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  let active = 0;
  const counted: AppBackend = {
    dispatch: backend.dispatch,
    media: backend.media,
    close: backend.close,
    subscribe: (listener) => {
      active += 1;
      const off = backend.subscribe(listener);
      return () => {
        active -= 1;
        off();
      };
    },
  };
  const server = await startWebServer({
    backend: counted,
    rendererDir: options.rendererDir ?? makeRenderer(root),
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  return {
    root,
    emulator,
    backend,
    server,
    key: new URL(server.url).searchParams.get('key') ?? '',
    subscriptions: () => active,
    async close() {
      await server.close();
      await backend.close();
      await emulator.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request exactly as written (fetch would normalise the path and refuse to set Host). */
export function rawRequest(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawAnswer> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
