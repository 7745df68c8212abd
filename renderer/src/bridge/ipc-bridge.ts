import type { OffstreamBridge } from '../../../main/contract/index';
import { parseEvent, parseOutcome } from './parse';

/** What the sandboxed preload exposes; the renderer still parses what comes through it. */
export interface PreloadApi {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function ipcBridge(api: PreloadApi): OffstreamBridge {
  return {
    transport: 'ipc',
    async invoke(channel, args) {
      return parseOutcome(channel, await api.invoke(channel, args ?? {}));
    },
    on(event, listener) {
      return api.on(event, (raw) => {
        const payload = parseEvent(event, raw);
        if (payload !== undefined) listener(payload);
      });
    },
    mediaUrl: (id) => `media://library/${encodeURIComponent(id)}`,
  };
}
