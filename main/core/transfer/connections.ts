import { type Clock, systemClock } from '../clock';

export interface ConnectionLimits {
  /** Connections one download may use ("Connections per download"), 1–16. */
  perDownload: number;
  /** Connections of all downloads together. */
  total: number;
  /** Connections to one host. */
  perHost: number;
  /** How long a host that answered 429/503 keeps its reduced count before it may grow again. */
  coolDownMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  perDownload: 4,
  total: 16,
  perHost: 16,
  coolDownMs: 60_000,
};

export const maxConnectionsPerDownload = 16;

/** Gives back a connection slot; calling it twice is harmless. */
export type ReleaseConnection = () => void;

/**
 * The connections every transfer of a session shares: a transfer's first connection always
 * runs (the queue already bounds how many downloads run), each further one needs a free slot
 * both in the total and for its host. A host that answers 429 or 503 to a further connection
 * is held to one connection fewer than it had for `coolDownMs`, instead of the download failing.
 */
export class ConnectionBudget {
  private limits: ConnectionLimits;
  private open = 0;
  private readonly perHost = new Map<string, number>();
  private readonly reduced = new Map<string, { cap: number; until: number }>();

  constructor(
    limits: Partial<ConnectionLimits> = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.limits = { ...defaultConnectionLimits, ...limits };
  }

  get perDownload(): number {
    return this.limits.perDownload;
  }

  /** Changes the setting at run time; running downloads use it for their next connections. */
  setPerDownload(connections: number): void {
    this.limits = {
      ...this.limits,
      perDownload: Math.max(1, Math.min(maxConnectionsPerDownload, Math.round(connections))),
    };
  }

  /** The first connection of a download: counted, never refused. */
  first(host: string): ReleaseConnection {
    return this.take(host);
  }

  /** A further connection, if the total and the host allow one now. */
  further(host: string): ReleaseConnection | undefined {
    if (this.open >= this.limits.total) return undefined;
    if ((this.perHost.get(host) ?? 0) >= this.hostCap(host)) return undefined;
    return this.take(host);
  }

  /**
   * The host refused a further connection (429/503): one fewer for a while — as long as its
   * Retry-After asked, within a second and ten minutes, else the cool-down.
   */
  throttle(host: string, retryAfterMs?: number): void {
    const open = this.perHost.get(host) ?? 1;
    const hold =
      retryAfterMs === undefined
        ? this.limits.coolDownMs
        : Math.min(Math.max(retryAfterMs, 1000), 10 * 60_000);
    this.reduced.set(host, {
      cap: Math.max(1, Math.min(this.hostCap(host), open) - 1),
      until: this.clock.now() + hold,
    });
  }

  hostCap(host: string): number {
    const reduced = this.reduced.get(host);
    if (reduced && reduced.until > this.clock.now())
      return Math.min(reduced.cap, this.limits.perHost);
    if (reduced) this.reduced.delete(host);
    return this.limits.perHost;
  }

  /** Connections open now (to one host, or all). */
  inUse(host?: string): number {
    return host === undefined ? this.open : (this.perHost.get(host) ?? 0);
  }

  private take(host: string): ReleaseConnection {
    this.open += 1;
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      const left = (this.perHost.get(host) ?? 1) - 1;
      if (left > 0) this.perHost.set(host, left);
      else this.perHost.delete(host);
    };
  }
}

let shared: ConnectionBudget | undefined;

/** The process-wide budget for callers that were given none (tests, scripts). */
export function sharedConnectionBudget(): ConnectionBudget {
  shared ??= new ConnectionBudget();
  return shared;
}
