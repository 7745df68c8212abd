import type { ArgsOf, Channel, Outcome, ResultOf } from './channels';
import type { EventName, EventPayload } from './events';

/**
 * `window.offstream`: what the preload exposes in Electron and what the browser-mode client
 * implements over HTTP. The renderer is written against this and nothing else.
 */
export interface OffstreamBridge {
  invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Outcome<ResultOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** How media ids become URLs for <video>/<img>/<track> in this transport. */
  mediaUrl(id: string): string;
  readonly transport: 'ipc' | 'http';
}
