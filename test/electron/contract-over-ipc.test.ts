import { vi } from 'vitest';
import type { EventName, EventPayload, Outcome } from '../../main/contract/index';
import { forwardEvents, registerContract } from '../../main/electron/ipc';
import { preloadApi } from '../../main/electron/preload-api';
import { mediaHandler } from '../../main/electron/protocols';
import { createBackend } from '../../main/handlers/index';
import { defineContractSuite } from '../contract/suite';
import { FakeContents, FakeIpcMain, invokeEvent } from './fakes';

vi.mock('electron', () => ({}));

type Wrapper = (event: unknown, payload: unknown) => void;

/**
 * The shared contract suite over the Electron path minus Electron: the preload's API over an
 * ipcRenderer stand-in, the ipcMain wrapper with its sender check, events through forwardEvents
 * and media through the media:// handler.
 */
defineContractSuite('the IPC wrapper and preload', async (options) => {
  const backend = await createBackend(options);
  const ipcMain = new FakeIpcMain();
  const ours = new FakeContents();
  const renderers = new Map<string, Set<Wrapper>>();
  ours.send = (channel, payload) => {
    for (const wrapper of renderers.get(channel) ?? []) wrapper({ sender: 'hidden' }, payload);
  };
  registerContract(ipcMain, backend, () => ours);
  const stopEvents = forwardEvents(backend, () => ours);
  const api = preloadApi({
    invoke: (channel: string, args: unknown) => ipcMain.call(channel, invokeEvent(ours), args),
    on(channel: string, wrapper: Wrapper) {
      const set = renderers.get(channel) ?? new Set();
      set.add(wrapper);
      renderers.set(channel, set);
      return this as never;
    },
    removeListener(channel: string, wrapper: Wrapper) {
      renderers.get(channel)?.delete(wrapper);
      return this as never;
    },
  } as never);
  const media = mediaHandler(backend);
  return {
    invoke: async (channel, args) => (await api.invoke(channel, args)) as Outcome<unknown>,
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
      api.on(event, (payload) => listener(payload as EventPayload<E>)),
    fetchMedia: (id, headers = {}) =>
      media(new Request(`media://library/${encodeURIComponent(id)}`, { headers })),
    close: async () => {
      stopEvents();
      await backend.close();
    },
  };
});
