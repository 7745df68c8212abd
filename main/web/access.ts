import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** For scripts and tests: the printed key itself, in a header (a browser never sends one). */
export const keyHeader = 'x-offstream-key';

/** At least 128 bits of base64url, so it is safe in a URL, a cookie and a header as it is. */
const secretShape = /^[A-Za-z0-9_-]{22,}$/;

export function isUsableSecret(secret: string): boolean {
  return secretShape.test(secret);
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as fixed-length digests, so neither timing nor length tells anything. */
const sameSecret = (candidate: string, expected: Buffer) =>
  timingSafeEqual(digest(candidate), expected);

/** Where a request goes once the page's path prefix is taken off, and whether it had it. */
export interface Located {
  /** The path the routes know: `/`, `/rpc/<channel>`, `/events`, `/media/<id>`, assets. */
  path: string;
  /** Under this run's prefix, the only place the browser sends the session cookie. */
  underPrefix: boolean;
}

/**
 * Who may talk to the server. Browsers scope cookies by host, not port, so any other server on
 * 127.0.0.1 would receive a host-wide cookie: the page therefore lives under a random path
 * prefix (`/s/<random>/`), its cookie is scoped to that path, and it carries a session value
 * that is not the printed key. Another local server never sees a request under our prefix, so
 * it never receives the cookie. Every request must also come to our exact Host (a DNS-rebound
 * name never matches), from our own origin or none.
 */
export class Access {
  readonly origin: string;
  /** `/s/<random>`: where the page and its calls live for a browser. */
  readonly prefix: string;
  private readonly host: string;
  private readonly cookieName: string;
  private readonly key: Buffer;
  private readonly session: string;
  private readonly sessionDigest: Buffer;

  constructor(secret: string, port: number) {
    this.host = `127.0.0.1:${port}`;
    this.origin = `http://${this.host}`;
    this.prefix = `/s/${newSecret()}`;
    // The port in the name keeps two of our servers from overwriting each other.
    this.cookieName = `offstream-session-${port}`;
    this.key = digest(secret);
    this.session = newSecret();
    this.sessionDigest = digest(this.session);
  }

  /** The printed key, as the address or a header carries it. */
  matchesKey(candidate: string | undefined): boolean {
    return candidate !== undefined && sameSecret(candidate, this.key);
  }

  /** The page's own path: the prefix taken off, so routes are the same with and without it. */
  locate(pathname: string): Located {
    if (pathname === this.prefix || pathname.startsWith(`${this.prefix}/`)) {
      return { path: pathname.slice(this.prefix.length) || '/', underPrefix: true };
    }
    return { path: pathname, underPrefix: false };
  }

  /** The key in the header anywhere; the session cookie only under the prefix it was set for. */
  isAuthorised(request: IncomingMessage, located: Located): boolean {
    const header = request.headers[keyHeader];
    if (typeof header === 'string' && this.matchesKey(header)) return true;
    if (!located.underPrefix) return false;
    return this.cookieValues(request.headers.cookie).some((value) =>
      sameSecret(value, this.sessionDigest),
    );
  }

  hostAllowed(request: IncomingMessage): boolean {
    return request.headers.host === this.host;
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin;
  }

  /** What opening the printed address sets: the session value, for the prefix's paths only. */
  setCookie(): string {
    return `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=${this.prefix}`;
  }

  private cookieValues(header: string | undefined): string[] {
    if (!header) return [];
    const values: string[] = [];
    for (const part of header.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === this.cookieName) {
        values.push(part.slice(at + 1).trim());
      }
    }
    return values;
  }
}
