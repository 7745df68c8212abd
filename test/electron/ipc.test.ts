import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, type EventName, type Outcome } from '../../main/contract/index';
import { memorySecretStore } from '../../main/core/app/index';
import { forwardEvents, isTrustedSender, registerContract } from '../../main/electron/ipc';
import { type Backend, createBackend, type EventListener } from '../../main/handlers/index';
import { FakeContents, FakeIpcMain, frame, invokeEvent } from './fakes';

vi.mock('electron', () => ({}));

function recordingBackend() {
  const calls: [string, unknown][] = [];
  return {
    calls,
    dispatch: async (channel: string, args: unknown): Promise<Outcome<unknown>> => {
      calls.push([channel, args]);
      return { ok: true, value: { count: 3 } };
    },
  };
}

describe('the sender check', () => {
  const ours = new FakeContents();

  it('trusts the live main frame of our window on the app origin', () => {
    expect(isTrustedSender(invokeEvent(ours), ours)).toBe(true);
  });

  it.each([
    ['another window', invokeEvent({ id: 2, isDestroyed: () => false })],
    ['a foreign origin', invokeEvent(ours, frame({ url: 'https://evil.example/' }))],
    ['a file:// page', invokeEvent(ours, frame({ url: 'file:///tmp/index.html' }))],
    ['a look-alike host', invokeEvent(ours, frame({ url: 'app://offstream.evil/index.html' }))],
    ['a subframe', invokeEvent(ours, frame({ parent: frame(), routingId: 5 }))],
    ['a subframe claiming the main routing id', invokeEvent(ours, frame({ parent: frame() }))],
    ['another frame of the same contents', invokeEvent(ours, frame({ routingId: 9 }))],
    ['a frame in another process', invokeEvent(ours, frame({ processId: 8 }))],
    ['a destroyed frame', invokeEvent(ours, frame({ isDestroyed: () => true }))],
    ['a detached frame', invokeEvent(ours, frame({ detached: true }))],
    ['no sender frame', invokeEvent(ours, null)],
    ['a destroyed sender', invokeEvent({ id: 1, isDestroyed: () => true })],
  ])('refuses %s', (_label, event) => {
    expect(isTrustedSender(event, ours)).toBe(false);
  });

  it('refuses everything when the window is gone or destroyed', () => {
    expect(isTrustedSender(invokeEvent(ours), undefined)).toBe(false);
    const gone = new FakeContents();
    gone.destroyed = true;
    expect(isTrustedSender(invokeEvent(gone), gone)).toBe(false);
  });
});

describe('registerContract', () => {
  it('registers every contract channel once, and removes them again', () => {
    const ipc = new FakeIpcMain();
    const remove = registerContract(ipc, recordingBackend(), () => new FakeContents());
    expect([...ipc.handlers.keys()].sort()).toEqual([...channelNames].sort());
    remove();
    expect(ipc.handlers.size).toBe(0);
  });

  it('dispatches trusted calls and shows the outcome to the observer', async () => {
    const ipc = new FakeIpcMain();
    const backend = recordingBackend();
    const ours = new FakeContents();
    const seen: [string, Outcome<unknown>][] = [];
    registerContract(
      ipc,
      backend,
      () => ours,
      (channel, outcome) => seen.push([channel, outcome]),
    );
    const answer = await ipc.call('download:pause-all', invokeEvent(ours), {});
    expect(answer).toEqual({ ok: true, value: { count: 3 } });
    expect(backend.calls).toEqual([['download:pause-all', {}]]);
    expect(seen).toEqual([['download:pause-all', { ok: true, value: { count: 3 } }]]);
  });

  it('answers untrusted_sender without dispatching', async () => {
    const ipc = new FakeIpcMain();
    const backend = recordingBackend();
    const ours = new FakeContents();
    registerContract(ipc, backend, () => ours);
    const events = [
      invokeEvent(ours, frame({ url: 'https://evil.example/' })),
      invokeEvent(ours, frame({ parent: frame(), routingId: 4 })),
      invokeEvent({ id: 1, isDestroyed: () => true }),
      invokeEvent({ id: 3, isDestroyed: () => false }),
    ];
    for (const event of events) {
      const answer = await ipc.call('library:export', event, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(backend.calls).toEqual([]);
  });
});

describe('through the real backend', () => {
  let root: string;
  let backend: Backend;
  const ipc = new FakeIpcMain();
  const ours = new FakeContents();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'offstream-ipc-'));
    backend = await createBackend({
      configDir: join(root, 'config'),
      libraryFolder: join(root, 'library'),
      secrets: memorySecretStore(),
      startDemo: () => Promise.reject(new Error('no demo in this test')),
      chooseFolder: async () => undefined,
      info: { version: '0.0.0-test', transport: 'ipc' },
    });
    registerContract(ipc, backend, () => ours);
  });
  afterAll(async () => {
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a good call', async () => {
    const answer = await ipc.call('app:info', invokeEvent(ours), {});
    expect(answer).toMatchObject({ ok: true, value: { version: '0.0.0-test', transport: 'ipc' } });
  });

  it.each([
    ['library:remove', { uid: '../../etc/passwd' }],
    ['download:start', { uid: 'A'.repeat(32), kind: 'default' }],
    ['download:start', { uid: '0'.repeat(32), kind: 'exe' }],
    ['kiosk:unlock', { pin: '1'.repeat(100) }],
    ['catalogue:list', { limit: 10_000 }],
    ['settings:get', { extra: true }],
    ['account:connect', 'not an object'],
  ])('rejects bad arguments to %s with invalid_arguments', async (channel, args) => {
    const answer = await ipc.call(channel, invokeEvent(ours), args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
  });
});

describe('forwardEvents', () => {
  function hub() {
    const listeners = new Set<EventListener>();
    return {
      subscribe(listener: EventListener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit(event: EventName, payload: unknown) {
        for (const listener of listeners)
          (listener as (e: string, p: unknown) => void)(event, payload);
      },
    };
  }

  it('sends to our window while it shows the app, and nowhere else', () => {
    const events = hub();
    const ours = new FakeContents();
    let current: FakeContents | undefined = ours;
    const stop = forwardEvents(events, () => current);
    events.emit('connectivity', { online: false });
    expect(ours.sent).toEqual([['connectivity', { online: false }]]);
    ours.url = 'https://evil.example/';
    events.emit('connectivity', { online: true });
    ours.url = 'app://offstream/index.html';
    ours.destroyed = true;
    events.emit('connectivity', { online: true });
    current = undefined;
    events.emit('connectivity', { online: true });
    expect(ours.sent).toHaveLength(1);
    ours.destroyed = false;
    current = ours;
    stop();
    events.emit('connectivity', { online: true });
    expect(ours.sent).toHaveLength(1);
  });
});
