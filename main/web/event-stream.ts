import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventName } from '../contract/index';
import type { Logger } from '../core/log';
import type { AppBackend } from '../handlers/backend';

export const heartbeatMs = 15_000;

/** A client this far behind is not reading: it is dropped rather than buffered without end. */
const maxBufferedBytes = 4 * 1024 * 1024;

type Send = (frame: string) => void;

/**
 * One backend subscription for all event-stream clients, taken while at least one is connected
 * and let go with the last. Events are numbered (the SSE `id:`), so a caller can tell whether
 * its stream has seen everything an RPC answer came after.
 */
export class EventFanout {
  private readonly clients = new Set<Send>();
  private unsubscribe: (() => void) | undefined;
  private lastId = 0;

  constructor(private readonly backend: Pick<AppBackend, 'subscribe'>) {}

  get lastEventId(): number {
    return this.lastId;
  }

  get size(): number {
    return this.clients.size;
  }

  join(send: Send): () => void {
    this.clients.add(send);
    this.unsubscribe ??= this.backend.subscribe((event, payload) => this.broadcast(event, payload));
    return () => {
      this.clients.delete(send);
      if (this.clients.size > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    };
  }

  private broadcast(event: EventName, payload: unknown): void {
    this.lastId += 1;
    const frame = `id: ${this.lastId}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const send of this.clients) send(frame);
  }
}

/** `GET /events`: a text/event-stream of the app's events until the client goes away. */
export function serveEvents(
  fanout: EventFanout,
  request: IncomingMessage,
  response: ServerResponse,
  options: { heartbeatMs: number; logger: Logger },
): void {
  if (request.method !== 'GET') {
    response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' });
    response.end('Events are a GET request.');
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send: Send = (frame) => {
    if (response.writableLength > maxBufferedBytes) {
      options.logger.warn('dropped an event stream that stopped reading');
      response.destroy();
      return;
    }
    response.write(frame);
  };
  // The id line tells the client where numbering stands before its first event.
  response.write(`retry: 2000\nid: ${fanout.lastEventId}\n\n`);
  const leave = fanout.join(send);
  const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs);
  response.once('close', () => {
    clearInterval(heartbeat);
    leave();
  });
}
