import { z } from 'zod';
import { isHttpsOrLoopback } from '../http/secure-url';
import { DownloadKind, downloadFileName, VideoUid } from './ids';

/** Why a pasted delivery URL or token was refused; the message says what a valid one looks like. */
export class DeliveryUrlError extends Error {
  override readonly name = 'DeliveryUrlError';
}

const UnixSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const TokenClaims = z.object({
  sub: VideoUid,
  kid: z.string().optional(),
  exp: UnixSeconds.optional(),
  nbf: UnixSeconds.optional(),
  downloadable: z.boolean().optional(),
});
export type TokenClaims = z.output<typeof TokenClaims>;

export type DeliverySubject =
  | { kind: 'uid'; uid: VideoUid }
  | { kind: 'token'; token: string; claims: TokenClaims };

export interface DeliveryUrl {
  origin: string;
  subject: DeliverySubject;
  download: DownloadKind;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Reads a signed token's claims without checking the signature (only Cloudflare can): enough
 * to know which video it names, whether it allows downloads and when it expires.
 */
export function decodeTokenClaims(jwt: string): TokenClaims {
  if (!JWT_SHAPE.test(jwt)) throw new DeliveryUrlError('The signed token is not a JWT.');
  const payload = jwt.split('.')[1] ?? '';
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new DeliveryUrlError('The signed token payload is not readable JSON.');
  }
  const claims = TokenClaims.safeParse(json);
  if (!claims.success) {
    throw new DeliveryUrlError('The signed token does not name a video (its "sub" claim).');
  }
  return claims.data;
}

function downloadKindOf(fileName: string | undefined): DownloadKind | undefined {
  return DownloadKind.options.find((kind) => downloadFileName[kind] === fileName);
}

/**
 * Accepts only `https://<host>/<uid|token>/downloads/default.mp4|audio.m4a` (http only for a
 * loopback host, such as the emulator). The query (e.g. `?filename=`) is ignored.
 */
export function parseDeliveryUrl(url: string): DeliveryUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeliveryUrlError('That is not a URL.');
  }
  if (!isHttpsOrLoopback(parsed)) {
    throw new DeliveryUrlError('A download URL must start with https://.');
  }
  if (parsed.username || parsed.password) {
    throw new DeliveryUrlError('A download URL must not contain a user name or password.');
  }
  const [empty, subject, downloads, fileName, ...rest] = parsed.pathname.split('/');
  const download = downloadKindOf(fileName);
  if (empty !== '' || !subject || downloads !== 'downloads' || !download || rest.length > 0) {
    throw new DeliveryUrlError(
      'A download URL looks like https://customer-<code>.cloudflarestream.com/<video id or token>/downloads/default.mp4 (or audio.m4a).',
    );
  }
  return { origin: parsed.origin, subject: subjectOf(subject), download };
}

function subjectOf(segment: string): DeliverySubject {
  const uid = VideoUid.safeParse(segment);
  if (uid.success) return { kind: 'uid', uid: uid.data };
  return { kind: 'token', token: segment, claims: decodeTokenClaims(segment) };
}

/** Puts a signed token in place of the video uid, keeping host, file and query. */
export function withSignedToken(downloadUrl: string, token: string): string {
  const parsed = parseDeliveryUrl(downloadUrl);
  if (parsed.subject.kind !== 'uid') {
    throw new DeliveryUrlError('This download URL already carries a signed token.');
  }
  const claims = decodeTokenClaims(token);
  if (claims.sub !== parsed.subject.uid) {
    throw new DeliveryUrlError('The signed token was made for a different video.');
  }
  const url = new URL(downloadUrl);
  url.pathname = `/${token}/downloads/${downloadFileName[parsed.download]}`;
  return url.toString();
}
