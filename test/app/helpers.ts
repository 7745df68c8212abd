import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../main/contract/index';
import {
  type FolderPurpose,
  memorySecretStore,
  OffstreamApp,
  type OffstreamAppOptions,
} from '../../main/core/app/index';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { emulatorForTests } from '../support/emulator';
import { quickTuning } from '../support/quick-tuning';

export interface AppFixture {
  emulator: RunningEmulator;
  root: string;
  options: OffstreamAppOptions;
  /** The answer of the next folder prompt. */
  folders: Partial<Record<FolderPurpose, string>>;
  demoStarts: number;
  events: { event: EventName; payload: unknown }[];
  app: OffstreamApp;
  /** Closes the app and opens it again on the same config and secrets, as after a restart. */
  restart(): Promise<OffstreamApp>;
  close(): Promise<void>;
}

export async function appFixture(
  overrides: Partial<OffstreamAppOptions> = {},
): Promise<AppFixture> {
  const emulator = await emulatorForTests({ preparationMs: 50 });
  const root = mkdtempSync(join(tmpdir(), 'offstream-app-'));
  const fixture = {
    emulator,
    root,
    folders: {},
    demoStarts: 0,
    events: [],
  } as unknown as AppFixture;
  fixture.options = {
    configDir: join(root, 'config'),
    libraryFolder: join(root, 'library'),
    secrets: memorySecretStore(),
    startDemo: async () => {
      fixture.demoStarts += 1;
      return { ...emulator, close: async () => {} };
    },
    chooseFolder: async (purpose) => fixture.folders[purpose],
    apiBase: emulator.apiBase,
    info: { version: '1.2.3', transport: 'ipc' },
    tuning: quickTuning,
    ...overrides,
  };
  const open = async () => {
    const app = await OffstreamApp.open(fixture.options);
    app.events.subscribe((event, payload) => fixture.events.push({ event, payload }));
    fixture.app = app;
    return app;
  };
  await open();
  fixture.restart = async () => {
    await fixture.app.close();
    return open();
  };
  fixture.close = async () => {
    await fixture.app.close();
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
  };
  return fixture;
}

export function eventsOf<E extends EventName>(fixture: AppFixture, event: E): EventPayload<E>[] {
  return fixture.events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
}

/** Resolves once a job:state event matches. */
export function jobReaches(fixture: AppFixture, uid: string, state: string): Promise<void> {
  return new Promise((resolve) => {
    const off = fixture.app.events.subscribe((event, payload) => {
      if (event !== 'job:state') return;
      const job = payload as EventPayload<'job:state'>;
      if (job.uid === uid && job.state === state) {
        off();
        resolve();
      }
    });
  });
}
