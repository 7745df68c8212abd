import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** For scripts and tests: the same secret as the cookie, in a header. */
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

/**
 * Who may talk to the server: a request that carries the per-run secret (cookie or header), to
 * our exact Host (a DNS-rebound name never matches), from our own origin or none at all.
 */
export class Access {
  readonly origin: string;
  private readonly host: string;
  private readonly cookieName: string;
  private readonly expected: Buffer;

  constructor(
    private readonly secret: string,
    port: number,
  ) {
    this.host = `127.0.0.1:${port}`;
    this.origin = `http://${this.host}`;
    // Cookies ignore ports: the port in the name keeps two servers from overwriting each other.
    this.cookieName = `offstream-key-${port}`;
    this.expected = digest(secret);
  }

  /** Compared as fixed-length digests, so neither timing nor length tells anything. */
  matches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    return timingSafeEqual(digest(candidate), this.expected);
  }

  isAuthorised(request: IncomingMessage): boolean {
    const header = request.headers[keyHeader];
    if (typeof header === 'string' && this.matches(header)) return true;
    return this.cookieValues(request.headers.cookie).some((value) => this.matches(value));
  }

  hostAllowed(request: IncomingMessage): boolean {
    return request.headers.host === this.host;
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin;
  }

  setCookie(): string {
    return `${this.cookieName}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`;
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
