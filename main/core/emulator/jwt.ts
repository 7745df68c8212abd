import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign as rsaSign,
  verify as rsaVerify,
} from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import type { Clock } from '../clock';

/** Signed URL tokens (stream-api.md §4): RS256 JWTs whose `sub` is the video uid. */
export const AccessRule = z.object({
  type: z.enum(['any', 'ip.src', 'ip.geoip.country']),
  action: z.enum(['allow', 'block']),
  ip: z.array(z.string()).optional(),
  country: z.array(z.string()).optional(),
});
export type AccessRule = z.infer<typeof AccessRule>;

/** Cloudflare's own tokens carry exp/nbf as strings, self-signed ones as numbers. */
const UnixSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const TokenHeader = z.object({ alg: z.literal('RS256'), kid: z.string().min(1) });
const TokenPayload = z.object({
  sub: z.string().min(1),
  kid: z.string().optional(),
  exp: UnixSeconds.optional(),
  nbf: UnixSeconds.optional(),
  downloadable: z.boolean().optional(),
  accessRules: z.array(AccessRule).optional(),
});

export interface TokenClaims {
  sub: string;
  kid: string;
  exp?: number;
  nbf?: number;
  downloadable: boolean;
  accessRules: AccessRule[];
}

export interface SignClaims {
  sub: string;
  exp?: number;
  nbf?: number;
  downloadable?: boolean;
  accessRules?: AccessRule[];
}

export type VerifyFailure =
  | 'malformed'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid';
export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: VerifyFailure };

export interface CreatedKey {
  id: string;
  /** base64 of the PKCS#1 PEM private key, as POST /stream/keys returns it. */
  pem: string;
  /** base64 of the JSON JWK. */
  jwk: string;
  created: string;
}

interface StoredKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  created: string;
}

export class SigningKeyring {
  private readonly keys = new Map<string, StoredKey>();
  /** Signs /token requests that bring no key; generated on first use because RSA is slow. */
  private accountKey: { id: string; key: StoredKey } | undefined;

  constructor(private readonly clock: Clock) {}

  createKey(): CreatedKey {
    const id = randomBytes(16).toString('hex');
    const key = this.generate();
    this.keys.set(id, key);
    const pem = key.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const jwk = { use: 'sig', ...key.privateKey.export({ format: 'jwk' }), kid: id, alg: 'RS256' };
    return {
      id,
      pem: Buffer.from(pem).toString('base64'),
      jwk: Buffer.from(JSON.stringify(jwk)).toString('base64'),
      created: key.created,
    };
  }

  listKeys(): { id: string; created: string }[] {
    return [...this.keys].map(([id, key]) => ({ id, created: key.created }));
  }

  /** Every token signed with a revoked key stops verifying. */
  revokeKey(id: string): boolean {
    return this.keys.delete(id);
  }

  sign(claims: SignClaims, keyId?: string): string {
    if (keyId === undefined) {
      const account = this.account();
      return signToken(claims, account.id, account.key.privateKey);
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error('unknown signing key');
    return signToken(claims, keyId, key.privateKey);
  }

  verify(token: string, now: number): VerifyResult {
    const parsed = parseToken(token);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const key = this.publicKey(parsed.header.kid);
    if (!key) return { ok: false, reason: 'unknown_key' };
    if (!rsaVerify('sha256', Buffer.from(parsed.signedPart), key, parsed.signature)) {
      return { ok: false, reason: 'bad_signature' };
    }
    const { payload, header } = parsed;
    const seconds = now / 1000;
    if (payload.exp !== undefined && seconds >= payload.exp)
      return { ok: false, reason: 'expired' };
    if (payload.nbf !== undefined && seconds < payload.nbf) {
      return { ok: false, reason: 'not_yet_valid' };
    }
    const claims: TokenClaims = {
      sub: payload.sub,
      kid: header.kid,
      downloadable: payload.downloadable ?? false,
      accessRules: payload.accessRules ?? [],
    };
    if (payload.exp !== undefined) claims.exp = payload.exp;
    if (payload.nbf !== undefined) claims.nbf = payload.nbf;
    return { ok: true, claims };
  }

  private publicKey(kid: string): KeyObject | undefined {
    if (this.accountKey?.id === kid) return this.accountKey.key.publicKey;
    return this.keys.get(kid)?.publicKey;
  }

  private account(): { id: string; key: StoredKey } {
    this.accountKey ??= { id: randomBytes(16).toString('hex'), key: this.generate() };
    return this.accountKey;
  }

  private generate(): StoredKey {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { privateKey, publicKey, created: new Date(this.clock.now()).toISOString() };
  }
}

/** Signs as a third party would with the base64 PEM from POST /stream/keys (or /token's `pem`). */
export function signWithPem(claims: SignClaims, keyId: string, pemBase64: string): string {
  const pem = Buffer.from(pemBase64, 'base64').toString('utf8');
  return signToken(claims, keyId, createPrivateKey(pem));
}

/** The public half of a base64 PEM, for checking that an uploaded key is usable. */
export function publicKeyFromPem(pemBase64: string): KeyObject {
  return createPublicKey(Buffer.from(pemBase64, 'base64').toString('utf8'));
}

function signToken(claims: SignClaims, kid: string, key: KeyObject): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid }));
  const payload = base64url(JSON.stringify({ ...dropUndefined(claims), kid }));
  const signature = rsaSign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

function dropUndefined(claims: SignClaims): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

const segment = /^[A-Za-z0-9_-]+$/;

function parseToken(token: string) {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => segment.test(p))) return undefined;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = TokenHeader.safeParse(decodeJson(headerPart));
  const payload = TokenPayload.safeParse(decodeJson(payloadPart));
  if (!header.success || !payload.success) return undefined;
  if (payload.data.kid !== undefined && payload.data.kid !== header.data.kid) return undefined;
  return {
    header: header.data,
    payload: payload.data,
    signedPart: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** First matching rule decides; no match allows (stream-api.md §4.1). */
export function evaluateAccessRules(
  rules: readonly AccessRule[],
  clientIp: string,
): 'allow' | 'block' {
  const ip = unmapIPv4(clientIp);
  for (const rule of rules) {
    if (ruleMatches(rule, ip)) return rule.action;
  }
  return 'allow';
}

function ruleMatches(rule: AccessRule, ip: string): boolean {
  switch (rule.type) {
    case 'any':
      return true;
    case 'ip.src':
      return (rule.ip ?? []).some((cidr) => inCidr(ip, cidr));
    case 'ip.geoip.country':
      // The emulator only sees loopback and private addresses, which have no country.
      return false;
  }
}

/** `::ffff:127.0.0.1` is how a dual-stack socket reports an IPv4 client. */
function unmapIPv4(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

function inCidr(ip: string, cidr: string): boolean {
  const [network = '', prefixText] = cidr.trim().split('/');
  const family = isIP(network);
  const ipFamily = isIP(ip);
  if (family === 0 || family !== ipFamily) return false;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(ip, type);
}
