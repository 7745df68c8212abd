import type {
  ArgsOf,
  CatalogueCard,
  Channel,
  EventName,
  EventPayload,
  JobView,
  OffstreamBridge,
  Outcome,
  Problem,
  ResultOf,
  Settings,
} from '../../main/contract/index';

type Answer<C extends Channel> =
  | Outcome<ResultOf<C>>
  | ((args: ArgsOf<C>) => Outcome<ResultOf<C>> | Promise<Outcome<ResultOf<C>>>);

type AnyAnswer =
  | Outcome<unknown>
  | ((args: unknown) => Outcome<unknown> | Promise<Outcome<unknown>>);

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (problem: Problem): Outcome<never> => ({ ok: false, error: problem });

/**
 * OffstreamBridge in memory: each channel answers from a script (queued one-off answers first,
 * then its standing answer), every call is recorded, and tests push events with emit().
 */
export class FakeBridge implements OffstreamBridge {
  readonly transport = 'ipc' as const;
  readonly calls: { channel: Channel; args: unknown }[] = [];
  private readonly standing = new Map<Channel, AnyAnswer>();
  private readonly queued = new Map<Channel, AnyAnswer[]>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** The answer every call to `channel` gets (unless a queued one comes first). */
  answer<C extends Channel>(channel: C, answer: Answer<C>): this {
    this.standing.set(channel, answer as AnyAnswer);
    return this;
  }

  /** Answers for the next calls to `channel`, one each, in order. */
  script<C extends Channel>(channel: C, ...answers: Answer<C>[]): this {
    const queue = this.queued.get(channel) ?? [];
    queue.push(...(answers as AnyAnswer[]));
    this.queued.set(channel, queue);
    return this;
  }

  async invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Outcome<ResultOf<C>>> {
    this.calls.push({ channel, args });
    const answer = this.queued.get(channel)?.shift() ?? this.standing.get(channel);
    if (answer === undefined) {
      return fail({ code: 'not_scripted', message: `The fake has no answer for ${channel}.` });
    }
    const outcome = typeof answer === 'function' ? await answer(args) : answer;
    return outcome as Outcome<ResultOf<C>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  mediaUrl(id: string): string {
    return `media://library/${id}`;
  }

  /** The arguments of every call made to `channel`, oldest first. */
  argsOf<C extends Channel>(channel: C): ArgsOf<C>[] {
    return this.calls
      .filter((call) => call.channel === channel)
      .map((call) => call.args as ArgsOf<C>);
  }
}

export function uid(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function makeJob(overrides: Partial<JobView> & { uid: string }): JobView {
  return {
    kind: 'default',
    state: 'queued',
    bytesDone: 0,
    bytesTotal: null,
    percentPrepared: null,
    nextAttemptAt: null,
    problem: null,
    ...overrides,
  };
}

export function makeCard(n: number, overrides: Partial<CatalogueCard> = {}): CatalogueCard {
  return {
    uid: uid(n),
    name: `Video ${n}`,
    created: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
    duration: 95,
    size: 12_000_000,
    ready: true,
    private: false,
    errored: false,
    offline: false,
    diskBytes: 0,
    missing: false,
    thumbnail: null,
    jobs: [],
    upstream: 'unknown',
    expiresAt: null,
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    libraryLocation: '~/Videos/Offstream',
    concurrency: 2,
    bandwidthCap: 0,
    connectionsPerDownload: 4,
    theme: 'system',
    locale: 'system',
    kioskPlaylist: [],
    kioskPinSet: false,
    kioskOnStart: false,
    proxy: { mode: 'system', url: null, username: null, passwordSet: false },
    startAtLogin: false,
    kioskSchedule: null,
    downloadWindow: null,
    libraryLimitBytes: null,
    freeSpaceFloorBytes: 2 * 1024 ** 3,
    watchedCleanupDays: null,
    upstreamDeleted: 'keep',
    deleteRemoteDownloads: false,
    ...overrides,
  };
}

export function makeAppInfo(overrides: Partial<ResultOf<'app:info'>> = {}): ResultOf<'app:info'> {
  return {
    version: '0.1.0',
    transport: 'ipc',
    platform: 'linux',
    kiosk: false,
    systemLanguages: [],
    ...overrides,
  };
}
