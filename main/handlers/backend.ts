import type { EventName, EventPayload, Outcome } from '../contract/index';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What both shells (Electron IPC and the browser mode's HTTP server) talk to: one handler table
 * behind `dispatch`, the events, and media by opaque id. The shells only translate transports.
 */
export interface AppBackend {
  /** Validates `args` with the contract's schema for `channel`, runs it, never throws. */
  dispatch(channel: string, args: unknown): Promise<Outcome<unknown>>;
  subscribe(listener: EventListener): () => void;
  /** Answers `<video>`/`<img>`/`<track>` requests for a media id (Range, 404, 416). */
  media(id: string, request: Request): Promise<Response>;
  close(): Promise<void>;
  /** The shell's view of the network (Electron's net.isOnline, the browser's online events). */
  setOnline?(online: boolean): void;
}
