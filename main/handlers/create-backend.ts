import { channels, type EventPayload, isChannel, type Outcome } from '../contract/index';
import { OffstreamApp, type OffstreamAppOptions, problemOf, zodSentence } from '../core/app/index';
import { UpdateService } from '../core/app/updates/index';
import { systemClock } from '../core/clock';
import type { Job } from '../core/library/index';
import { type Logger, scrubText, silentLogger } from '../core/log';
import { mediaResponse } from '../core/playback/media-response';
import type { AppBackend } from './backend';
import { KioskGate } from './kiosk-gate';
import { checkResult, defaultResultCheck, type ResultCheck } from './result-check';
import { createHandlers } from './table';
import { jobView } from './views';

export interface BackendOptions extends OffstreamAppOptions {
  /** Default: `throw` under vitest, `off` in production builds, `report` otherwise. */
  resultCheck?: ResultCheck;
  /** The desktop app's updates; elsewhere the app cannot update itself (status: unsupported). */
  updates?: UpdateService;
}

export interface Backend extends AppBackend {
  setOnline(online: boolean): void;
  readonly app: OffstreamApp;
  /** Locked while a kiosk launch waits for its PIN: only kiosk channels are served. */
  readonly kiosk: KioskGate;
  readonly updates: UpdateService;
}

/** A token typed into the connect form is a secret before the app knows it. */
function secretsIn(args: unknown): string[] {
  const token = (args as { apiToken?: unknown } | null)?.apiToken;
  return typeof token === 'string' ? [token] : [];
}

const fail = (code: string, message: string): Outcome<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Opens the application core and puts the one handler table behind `dispatch`: arguments are
 * parsed with the contract before any handler runs, failures become Problems (no stacks, no
 * secrets), results are checked against the contract outside production.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const app = await OffstreamApp.open(options);
  const logger: Logger = (options.logger ?? silentLogger).child({ component: 'handlers' });
  const updates = options.updates ?? (await updatesUnsupported(options));
  const handlers = createHandlers(app, updates);
  const resultCheck = options.resultCheck ?? defaultResultCheck();
  const kiosk = new KioskGate(options.info.kiosk ?? false);

  const dispatch = async (channel: string, args: unknown): Promise<Outcome<unknown>> => {
    if (!isChannel(channel)) {
      return fail('unknown_channel', `There is no channel "${channel.slice(0, 80)}".`);
    }
    const locked = kiosk.refusal(channel);
    if (locked) return locked;
    const parsed = channels[channel].args.safeParse(args);
    if (!parsed.success) return fail('invalid_arguments', zodSentence(parsed.error));
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    let value: unknown;
    try {
      value = await handler(parsed.data);
      kiosk.observe(channel, value);
    } catch (error) {
      const secrets = [...app.secrets(), ...secretsIn(args)];
      const problem = problemOf(error, secrets);
      const name = error instanceof Error ? error.name : typeof error;
      const text = error instanceof Error ? scrubText(error.message, secrets) : '';
      logger.warn('call failed', { channel, code: problem.code, error: name, detail: text });
      return { ok: false, error: problem };
    }
    return checkResult(channel, value, resultCheck, logger);
  };

  return {
    app,
    kiosk,
    updates,
    dispatch,
    // Core events carry domain values; the renderer gets the contract's shapes.
    subscribe: (listener) => {
      const stopApp = app.events.subscribe((event, payload) => {
        if (event === 'job:state') listener('job:state', jobView(payload as Job));
        else listener(event, payload as EventPayload<typeof event>);
      });
      const stopUpdates = updates.subscribe((status) => listener('updates:status', status));
      return () => {
        stopApp();
        stopUpdates();
      };
    },
    media: async (id, request) => {
      const library = app.library;
      if (!library) return new Response('The library is not available.', { status: 503 });
      return mediaResponse(library, id, request);
    },
    setOnline: (online) => app.setOnline(online),
    close: () => {
      updates.stop();
      return app.close();
    },
  };
}

/** Browser mode and the command line: the status says the app cannot update itself here. */
function updatesUnsupported(options: BackendOptions): Promise<UpdateService> {
  return UpdateService.open({
    currentVersion: options.info.version,
    configDir: options.configDir,
    updatesAllowed: () => true,
    kioskPlaying: () => false,
    clock: systemClock,
    logger: options.logger ?? silentLogger,
  });
}
