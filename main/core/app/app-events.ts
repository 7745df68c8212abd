import type { EventName, EventPayload } from '../../contract/index';
import type { Job } from '../library/index';
import type { Logger } from '../log';

/**
 * The app's events in domain values: a job is a Job (main/handlers turns it into the contract's
 * JobView for the renderer); the others already are plain values.
 */
export type AppEvents = { [E in EventName]: E extends 'job:state' ? Job : EventPayload<E> };
export type AppEventName = keyof AppEvents;

export type AppEventListener = <E extends AppEventName>(event: E, payload: AppEvents[E]) => void;

/** Fans the app's events out to the shells; a throwing listener never stops the others. */
export class AppEventHub {
  private readonly listeners = new Set<AppEventListener>();

  constructor(private readonly logger: Logger) {}

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends AppEventName>(event: E, payload: AppEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.logger.warn('an event listener failed', { event, error: String(error) });
      }
    }
  }
}
