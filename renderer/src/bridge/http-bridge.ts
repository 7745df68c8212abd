import type { EventName, OffstreamBridge } from '../../../main/contract/index';
import { parseEvent, parseOutcome } from './parse';

/**
 * The browser mode's transport: calls are POST <base>/rpc/<channel>, events one EventSource on
 * <base>/events, media plain <base>/media/<id> URLs. The session travels as an HttpOnly cookie
 * the server set, scoped to <base>, when the printed URL was opened; this code never holds it.
 */
export function httpBridge(base = ''): OffstreamBridge {
  let source: EventSource | undefined;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const ensureSource = (event: EventName) => {
    source ??= new EventSource(`${base}/events`);
    if (listeners.has(event)) return;
    listeners.set(event, new Set());
    source.addEventListener(event, (message) => {
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const payload = parseEvent(event, data);
      if (payload === undefined) return;
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };

  return {
    transport: 'http',
    async invoke(channel, args) {
      try {
        const response = await fetch(`${base}/rpc/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
        });
        return parseOutcome(channel, await response.json());
      } catch {
        return {
          ok: false,
          error: {
            code: 'app_unreachable',
            message: 'Offstream is not answering. Is it still running?',
          },
        };
      }
    },
    on(event, listener) {
      ensureSource(event);
      const set = listeners.get(event);
      const wrapped = listener as (payload: unknown) => void;
      set?.add(wrapped);
      return () => set?.delete(wrapped);
    },
    mediaUrl: (id) => `${base}/media/${encodeURIComponent(id)}`,
  };
}
