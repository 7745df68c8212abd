import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiPermission, TokenKind, TokenSpec, TokenStatus } from './types';

/** One API token as Cloudflare holds it: its kind decides where it verifies (stream-api.md §8). */
export interface IssuedToken {
  kind: TokenKind;
  permission: ApiPermission;
  status: TokenStatus;
}

/** The credentials this emulated account (and its one user) accepts. */
export interface AccountCredentials {
  /** Every API token, account or user kind, by its secret value. */
  tokens: Map<string, IssuedToken>;
  legacy: { email: string; key: string };
}

export interface Credential {
  /** Stable key for rate limiting: one bucket per token or per legacy key. */
  id: string;
  scheme: 'token' | 'legacy';
  permission: ApiPermission;
  /** Bearer tokens only: the token and what was issued with it. */
  token?: IssuedToken & { value: string };
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
  /** A verify path asked about a token it does not know, e.g. an account token at /user. */
  invalidApiToken: { status: 401, code: 1000, message: 'Invalid API Token' },
} satisfies Record<string, AuthFailure>;

/** Adds a token to the account and returns its secret; random unless `value` is given. */
export function issueToken(account: AccountCredentials, spec: TokenSpec, value?: string): string {
  const secret = value ?? randomBytes(30).toString('base64url');
  const { kind, permission, status = 'active' } = spec;
  account.tokens.set(secret, { kind, permission, status });
  return secret;
}

/** The public id verify reports: derived, so the secret never appears in a response. */
export function tokenId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 32);
}

/** Disabled and expired tokens still verify (with their status) but may do nothing else. */
export function isActive(credential: Credential): boolean {
  return credential.token === undefined || credential.token.status === 'active';
}

export function authenticate(
  headers: IncomingHttpHeaders,
  account: AccountCredentials,
): AuthResult {
  const authorization = single(headers.authorization);
  if (authorization !== undefined) return bearer(authorization, account);
  const email = single(headers['x-auth-email']);
  const key = single(headers['x-auth-key']);
  // An API token pasted where the Global API key belongs is a classic mistake (§8).
  if (key !== undefined && account.tokens.has(key)) {
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
  const value = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const issued = value === undefined ? undefined : account.tokens.get(value);
  if (value === undefined || issued === undefined) {
    return { ok: false, failure: authFailures.invalidToken };
  }
  const token = { ...issued, value };
  return {
    ok: true,
    credential: { id: `token:${value}`, scheme: 'token', permission: issued.permission, token },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}
