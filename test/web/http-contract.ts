import type { EventName, EventPayload, Outcome } from '../../main/contract/index';
import type { BackendOptions } from '../../main/handlers/index';
import { createBackend } from '../../main/handlers/index';
import { lastEventHeader, type RunningWebServer, startWebServer } from '../../main/web/index';
import type { ContractClient } from '../contract/suite';
import { SseClient } from './sse-client';

/** What a browser holds after opening the printed URL: the cookie, and where it is sent. */
export interface BrowserSession {
  cookie: string;
  /** `http://127.0.0.1:<port>/s/<random>`: the page's folder, the cookie's path. */
  base: string;
}

/** Opens the printed URL as a browser would and returns the cookie and the page's folder. */
export async function cookieFrom(server: RunningWebServer): Promise<BrowserSession> {
  const response = await fetch(server.url, { redirect: 'manual' });
  const cookie = response.headers.get('set-cookie');
  const location = response.headers.get('location');
  if (response.status !== 303 || !cookie || !location) {
    throw new Error(`no cookie (${response.status})`);
  }
  const base = new URL(location, server.origin).href.replace(/\/$/, '');
  return { cookie: cookie.split(';')[0] ?? '', base };
}

/**
 * The contract over HTTP as the renderer's http-bridge speaks it: cookie from the printed URL,
 * POST <base>/rpc/<channel>, one event stream, <base>/media/<id>. After each call it waits until the stream
 * has passed the event number the answer carries, so events emitted during a call are in.
 */
export async function openHttpClient(
  server: RunningWebServer,
  close: () => Promise<void>,
): Promise<ContractClient> {
  const { cookie, base } = await cookieFrom(server);
  const events = await SseClient.open(`${base}/events`, { cookie });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  events.onMessage((message) => {
    const payload: unknown = JSON.parse(message.data);
    for (const listener of listeners.get(message.event) ?? []) listener(payload);
  });
  return {
    async invoke(channel, args) {
      const response = await fetch(`${base}/rpc/${channel}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
      const outcome = (await response.json()) as Outcome<unknown>;
      await events.reached(Number(response.headers.get(lastEventHeader) ?? 0));
      return outcome;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    fetchMedia: (id, headers = {}) =>
      fetch(`${base}/media/${encodeURIComponent(id)}`, {
        headers: { ...headers, cookie },
      }),
    async close() {
      events.close();
      await close();
    },
  };
}

/** A backend behind a web server with no renderer pages (the contract needs none). */
export async function serveBackend(options: BackendOptions, rendererDir = '/nonexistent') {
  const backend = await createBackend(options);
  const server = await startWebServer({ backend, rendererDir });
  return { backend, server };
}
