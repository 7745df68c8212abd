import { createSign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  type AccessRule,
  type CreatedKey,
  evaluateAccessRules,
  SigningKeyring,
  signWithPem,
} from '../../main/core/emulator/jwt';

const uid = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const clock = new ManualClock(Date.parse('2026-09-01T10:00:00Z'));
const nowS = () => Math.floor(clock.now() / 1000);

/** Signs the way a customer's own backend would, without the emulator's helpers. */
function selfSign(header: object, payload: object, pemBase64: string): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signed = `${part(header)}.${part(payload)}`;
  const signer = createSign('RSA-SHA256');
  signer.update(signed);
  const signature = signer.sign(Buffer.from(pemBase64, 'base64').toString('utf8'));
  return `${signed}.${signature.toString('base64url')}`;
}

const decode = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));

describe('SigningKeyring', () => {
  const keyring = new SigningKeyring(clock);
  let key: CreatedKey;

  beforeAll(() => {
    key = keyring.createKey();
  });

  it('creates keys the way POST /stream/keys returns them', () => {
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(key.pem, 'base64').toString()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const jwk = JSON.parse(Buffer.from(key.jwk, 'base64').toString());
    expect(jwk).toMatchObject({ use: 'sig', kty: 'RSA', kid: key.id, alg: 'RS256', e: 'AQAB' });
    for (const field of ['n', 'd', 'p', 'q', 'dp', 'dq', 'qi'])
      expect(typeof jwk[field]).toBe('string');
    expect(key.created).toBe('2026-09-01T10:00:00.000Z');
    expect(keyring.listKeys()).toEqual([{ id: key.id, created: key.created }]);
  });

  it('signs RS256 tokens with kid in header and payload, base64url without padding', () => {
    const token = keyring.sign({ sub: uid, exp: nowS() + 60, downloadable: true }, key.id);
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    expect(token).not.toMatch(/[=+/]/);
    expect(decode(parts[0])).toEqual({ alg: 'RS256', kid: key.id });
    expect(decode(parts[1])).toEqual({
      sub: uid,
      exp: nowS() + 60,
      downloadable: true,
      kid: key.id,
    });
    const result = keyring.verify(token, clock.now());
    expect(result).toEqual({
      ok: true,
      claims: { sub: uid, kid: key.id, exp: nowS() + 60, downloadable: true, accessRules: [] },
    });
  });

  it('signs with an internal account key when no key id is given', () => {
    const token = keyring.sign({ sub: uid });
    const kid = decode(token.split('.')[0]).kid;
    expect(kid).toMatch(/^[0-9a-f]{32}$/);
    expect(kid).not.toBe(key.id);
    expect(keyring.listKeys().map((k) => k.id)).not.toContain(kid);
    expect(keyring.verify(token, clock.now())).toMatchObject({
      ok: true,
      claims: { downloadable: false },
    });
    expect(decode(keyring.sign({ sub: uid }).split('.')[0]).kid).toBe(kid);
  });

  it('accepts tokens a third party signs with the issued PEM, exp/nbf as numbers or strings', () => {
    const numeric = selfSign(
      { alg: 'RS256', kid: key.id },
      { sub: uid, kid: key.id, exp: nowS() + 5 },
      key.pem,
    );
    expect(keyring.verify(numeric, clock.now()).ok).toBe(true);
    const strings = selfSign(
      { alg: 'RS256', kid: key.id },
      { sub: uid, kid: key.id, exp: String(nowS() + 5), nbf: String(nowS() - 5) },
      key.pem,
    );
    expect(keyring.verify(strings, clock.now())).toMatchObject({
      ok: true,
      claims: { exp: nowS() + 5, nbf: nowS() - 5 },
    });
    expect(keyring.verify(signWithPem({ sub: uid }, key.id, key.pem), clock.now()).ok).toBe(true);
  });

  it('refuses expired and not-yet-valid tokens at the boundaries', () => {
    const token = keyring.sign({ sub: uid, exp: nowS() + 10, nbf: nowS() + 2 }, key.id);
    expect(keyring.verify(token, clock.now())).toEqual({ ok: false, reason: 'not_yet_valid' });
    expect(keyring.verify(token, clock.now() + 2000).ok).toBe(true);
    expect(keyring.verify(token, clock.now() + 9999).ok).toBe(true);
    expect(keyring.verify(token, clock.now() + 10_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses tampered, malformed and unknown-key tokens', () => {
    const token = keyring.sign({ sub: uid, downloadable: false }, key.id);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: uid, kid: key.id, downloadable: true }),
    ).toString('base64url');
    expect(keyring.verify(`${header}.${forged}.${signature}`, clock.now())).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    for (const bad of ['abc', 'a.b.c', `${header}.${forged}`, `${header}..${signature}`]) {
      expect(keyring.verify(bad, clock.now())).toEqual({ ok: false, reason: 'malformed' });
    }
    const otherKid = selfSign({ alg: 'RS256', kid: 'f'.repeat(32) }, { sub: uid }, key.pem);
    expect(keyring.verify(otherKid, clock.now())).toEqual({ ok: false, reason: 'unknown_key' });
    const hs256 = selfSign({ alg: 'HS256', kid: key.id }, { sub: uid }, key.pem);
    expect(keyring.verify(hs256, clock.now())).toEqual({ ok: false, reason: 'malformed' });
    const badExp = selfSign({ alg: 'RS256', kid: key.id }, { sub: uid, exp: 'soon' }, key.pem);
    expect(keyring.verify(badExp, clock.now())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('stops verifying every token of a revoked key', () => {
    const extra = keyring.createKey();
    const token = keyring.sign({ sub: uid }, extra.id);
    expect(keyring.verify(token, clock.now()).ok).toBe(true);
    expect(keyring.revokeKey(extra.id)).toBe(true);
    expect(keyring.revokeKey(extra.id)).toBe(false);
    expect(keyring.verify(token, clock.now())).toEqual({ ok: false, reason: 'unknown_key' });
    expect(() => keyring.sign({ sub: uid }, extra.id)).toThrow();
  });
});

describe('evaluateAccessRules', () => {
  const block = (type: AccessRule['type'], extra: Partial<AccessRule> = {}): AccessRule => ({
    type,
    action: 'block',
    ...extra,
  });

  it('allows when no rule matches, and the first match decides', () => {
    expect(evaluateAccessRules([], '127.0.0.1')).toBe('allow');
    expect(evaluateAccessRules([block('any')], '127.0.0.1')).toBe('block');
    expect(evaluateAccessRules([{ type: 'any', action: 'allow' }, block('any')], '127.0.0.1')).toBe(
      'allow',
    );
  });

  it('matches IPv4 and IPv6 CIDRs, including IPv4-mapped client addresses', () => {
    const loopback4 = [block('ip.src', { ip: ['10.0.0.0/8', '127.0.0.0/8'] })];
    expect(evaluateAccessRules(loopback4, '127.0.0.1')).toBe('block');
    expect(evaluateAccessRules(loopback4, '::ffff:127.0.0.1')).toBe('block');
    expect(evaluateAccessRules(loopback4, '192.168.1.1')).toBe('allow');
    expect(evaluateAccessRules(loopback4, '::1')).toBe('allow');
    expect(evaluateAccessRules([block('ip.src', { ip: ['::1/128'] })], '::1')).toBe('block');
    expect(evaluateAccessRules([block('ip.src', { ip: ['2001:db8::/32'] })], '2001:db8::7')).toBe(
      'block',
    );
    expect(evaluateAccessRules([block('ip.src', { ip: ['127.0.0.1'] })], '127.0.0.1')).toBe(
      'block',
    );
    expect(evaluateAccessRules([block('ip.src', { ip: ['127.0.0.2'] })], '127.0.0.1')).toBe(
      'allow',
    );
  });

  it('ignores malformed CIDRs and never places loopback in a country', () => {
    const junk = [block('ip.src', { ip: ['127.0.0.0/', 'nonsense', '127.0.0.0/40'] })];
    expect(evaluateAccessRules(junk, '127.0.0.1')).toBe('allow');
    const geo: AccessRule[] = [
      { type: 'ip.geoip.country', action: 'allow', country: ['GB', 'US'] },
      block('any'),
    ];
    expect(evaluateAccessRules(geo, '127.0.0.1')).toBe('block');
  });
});
