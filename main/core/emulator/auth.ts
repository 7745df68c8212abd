import type { IncomingHttpHeaders } from 'node:http';
import type { ApiPermission } from './types';

/** The credentials this emulated account accepts. */
export interface AccountCredentials {
  token: string;
  readToken: string;
  legacy: { email: string; key: string };
}

export interface Credential {
  /** Stable key for rate limiting: one bucket per token or per legacy key. */
  id: string;
  scheme: 'token' | 'legacy';
  permission: ApiPermission;
  token?: string;
}

export interface AuthFailure {
  status: number;
  code: number;
  message: string;
}

export type AuthResult = { ok: true; credential: Credential } | { ok: false; failure: AuthFailure };

/** Observed Cloudflare answers (stream-api.md §0.2, §8). */
export const authFailures = {
  missing: {
    status: 400,
    code: 9106,
    message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers',
  },
  invalidToken: { status: 403, code: 9109, message: 'Invalid access token' },
  denied: { status: 403, code: 10000, message: 'Authentication error' },
} satisfies Record<string, AuthFailure>;

export function authenticate(
  headers: IncomingHttpHeaders,
  account: AccountCredentials,
): AuthResult {
  const authorization = single(headers.authorization);
  if (authorization !== undefined) return bearer(authorization, account);
  const email = single(headers['x-auth-email']);
  const key = single(headers['x-auth-key']);
  // An API token pasted where the Global API key belongs is a classic mistake (§8).
  if (key !== undefined && (key === account.token || key === account.readToken)) {
    return { ok: false, failure: authFailures.denied };
  }
  if (email === undefined || key === undefined) return { ok: false, failure: authFailures.missing };
  if (email.toLowerCase() !== account.legacy.email.toLowerCase() || key !== account.legacy.key) {
    return { ok: false, failure: authFailures.denied };
  }
  return {
    ok: true,
    credential: {
      id: `legacy:${account.legacy.email}`,
      scheme: 'legacy',
      permission: 'stream:write',
    },
  };
}

/** Read endpoints take Stream Read or Write; everything that changes state needs Write. */
export function permits(credential: Credential, method: string): boolean {
  const reading = method === 'GET' || method === 'HEAD';
  return reading || credential.permission === 'stream:write';
}

function bearer(authorization: string, account: AccountCredentials): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  const permission: ApiPermission | undefined =
    token === account.token
      ? 'stream:write'
      : token === account.readToken
        ? 'stream:read'
        : undefined;
  if (token === undefined || permission === undefined) {
    return { ok: false, failure: authFailures.invalidToken };
  }
  return { ok: true, credential: { id: `token:${token}`, scheme: 'token', permission, token } };
}

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}
