import { z } from 'zod';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * https, or http to this machine only (the emulator, a local test server): a token, a video or
 * an installer never crosses a real network in clear text. URL keeps IPv6 hosts in brackets.
 */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

/**
 * An absolute URL that isHttpsOrLoopback allows (the API base, the policy's update feed), with
 * no user name or password in it: such a file or setting is read by everyone and logged, a
 * secret does not belong there. zod runs the refinements even after .url() failed, so they must
 * not throw on a text that is not one.
 */
export const HttpsOrLoopbackUrl = z
  .string()
  .url()
  .refine(
    (url) => URL.canParse(url) && isHttpsOrLoopback(new URL(url)),
    'must be https (http only for 127.0.0.1 or localhost)',
  )
  .refine(
    (url) => !URL.canParse(url) || !hasCredentials(new URL(url)),
    'must not carry a user name or password',
  );

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}
