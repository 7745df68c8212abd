import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { contractChannels, contractEvents } from './contract-names';

/** What `window.offstreamIpc` offers the renderer: two functions and nothing else. */
export interface PreloadApi {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

type IpcPort = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds the bridge over ipcRenderer. Undeclared channels are answered here without a message
 * leaving the page; listeners get the payload only, never the IpcRendererEvent (which carries
 * `sender`, a way back into ipcRenderer).
 */
export function preloadApi(ipc: IpcPort): PreloadApi {
  const invokable = new Set(contractChannels);
  const deliverable = new Set(contractEvents);
  return {
    invoke(channel, args) {
      if (typeof channel !== 'string' || !invokable.has(channel)) {
        return Promise.resolve(unknownChannel(channel));
      }
      return ipc.invoke(channel, args);
    },
    on(event, listener) {
      if (typeof event !== 'string' || !deliverable.has(event)) {
        throw new TypeError(`Offstream sends no event named ${String(event)}.`);
      }
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const wrapper = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(event, wrapper);
      return () => {
        ipc.removeListener(event, wrapper);
      };
    },
  };
}

function unknownChannel(channel: unknown) {
  return {
    ok: false,
    error: { code: 'unknown_channel', message: `Offstream has no call named ${String(channel)}.` },
  } as const;
}
