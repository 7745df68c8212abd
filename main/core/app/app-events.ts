import type { EventName, EventPayload } from '../../contract/index';
import type { Logger } from '../log';

export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fans the app's events out to the shells; a throwing listener never stops the others. */
export class AppEventHub {
  private readonly listeners = new Set<AppEventListener>();

  constructor(private readonly logger: Logger) {}

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.logger.warn('an event listener failed', { event, error: String(error) });
      }
    }
  }
}
