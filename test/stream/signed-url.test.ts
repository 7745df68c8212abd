import { describe, expect, it } from 'vitest';
import {
  DeliveryUrlError,
  decodeTokenClaims,
  parseDeliveryUrl,
  withSignedToken,
} from '../../main/core/stream/signed-url';

const UID = 'ea95132c15732412d22c1476fa83f27a';
const HOST = 'https://customer-f33zs165nr7gyfy4.cloudflarestream.com';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(payload: object): string {
  return `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.c2lnbmF0dXJl`;
}

describe('decodeTokenClaims', () => {
  it('reads sub, kid, downloadable and exp/nbf as numbers or strings', () => {
    const token = jwt({
      sub: UID,
      kid: 'k1',
      exp: '1537460365',
      nbf: 1537453165,
      downloadable: true,
    });
    expect(decodeTokenClaims(token)).toEqual({
      sub: UID,
      kid: 'k1',
      exp: 1537460365,
      nbf: 1537453165,
      downloadable: true,
    });
  });

  it('refuses a non-JWT, unreadable payload, or a payload without a video uid', () => {
    expect(() => decodeTokenClaims('not-a-jwt')).toThrow(DeliveryUrlError);
    expect(() => decodeTokenClaims('aaa.%%%.bbb')).toThrow(DeliveryUrlError);
    expect(() => decodeTokenClaims(`aaa.${Buffer.from('{oops').toString('base64url')}.b`)).toThrow(
      /not readable/,
    );
    expect(() => decodeTokenClaims(jwt({ kid: 'k1' }))).toThrow(/sub/);
    expect(() => decodeTokenClaims(jwt({ sub: UID, exp: 'soon' }))).toThrow(DeliveryUrlError);
  });
});

describe('parseDeliveryUrl', () => {
  it('reads a uid download URL, MP4 or M4A, ignoring the query', () => {
    expect(parseDeliveryUrl(`${HOST}/${UID}/downloads/default.mp4?filename=trip`)).toEqual({
      origin: HOST,
      subject: { kind: 'uid', uid: UID },
      download: 'default',
    });
    expect(parseDeliveryUrl(`${HOST}/${UID}/downloads/audio.m4a`).download).toBe('audio');
  });

  it('reads a signed-token URL and its claims', () => {
    const token = jwt({ sub: UID, downloadable: true, exp: 2000000000 });
    const parsed = parseDeliveryUrl(`${HOST}/${token}/downloads/default.mp4`);
    expect(parsed.subject).toEqual({
      kind: 'token',
      token,
      claims: { sub: UID, downloadable: true, exp: 2000000000 },
    });
  });

  it('allows http only for loopback hosts', () => {
    expect(parseDeliveryUrl(`http://127.0.0.1:4000/${UID}/downloads/default.mp4`).origin).toBe(
      'http://127.0.0.1:4000',
    );
    expect(parseDeliveryUrl(`http://localhost/${UID}/downloads/default.mp4`).origin).toBe(
      'http://localhost',
    );
    expect(() => parseDeliveryUrl(`http://example.com/${UID}/downloads/default.mp4`)).toThrow(
      /https/,
    );
  });

  it.each([
    ['not a url', 'hello'],
    ['file scheme', `file:///${UID}/downloads/default.mp4`],
    ['other file', `${HOST}/${UID}/downloads/video.mp4`],
    ['manifest', `${HOST}/${UID}/manifest/video.m3u8`],
    ['extra segment', `${HOST}/${UID}/downloads/default.mp4/x`],
    ['prefix segment', `${HOST}/x/${UID}/downloads/default.mp4`],
    ['uppercase uid', `${HOST}/${UID.toUpperCase()}/downloads/default.mp4`],
    ['user info', `https://user:pw@customer-x.cloudflarestream.com/${UID}/downloads/default.mp4`],
    ['bad token', `${HOST}/aaa.bbb.ccc/downloads/default.mp4`],
  ])('refuses %s', (_name, url) => {
    expect(() => parseDeliveryUrl(url)).toThrow(DeliveryUrlError);
  });
});

describe('withSignedToken', () => {
  it('puts the token in place of the uid, keeping host, file and query', () => {
    const token = jwt({ sub: UID, downloadable: true });
    expect(withSignedToken(`${HOST}/${UID}/downloads/audio.m4a?filename=a`, token)).toBe(
      `${HOST}/${token}/downloads/audio.m4a?filename=a`,
    );
  });

  it('refuses a token made for another video, or a URL that already has a token', () => {
    const other = jwt({ sub: 'f'.repeat(32) });
    expect(() => withSignedToken(`${HOST}/${UID}/downloads/default.mp4`, other)).toThrow(
      /different video/,
    );
    const token = jwt({ sub: UID });
    expect(() => withSignedToken(`${HOST}/${token}/downloads/default.mp4`, token)).toThrow(
      /already/,
    );
  });
});
