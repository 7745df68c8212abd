import { HttpFailure } from './http-errors';

/** Enough for a CDN hop or two; a loop or a chain of trackers is not followed. */
export const maxRedirects = 5;

export function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Where a redirect may lead: http(s) only, and never from https down to http (the link could
 * carry a signed token, and the bytes would travel unprotected). Credentials are never carried
 * along by the layers that follow redirects: API calls do not follow them at all.
 */
export function redirectTarget(from: URL, location: string, hop: number): URL {
  if (hop >= maxRedirects) {
    throw new HttpFailure('too_many_redirects', 'The server redirected too many times.');
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new HttpFailure(
      'redirect_refused',
      'The server redirected to an address that is not valid.',
    );
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new HttpFailure('redirect_refused', `A redirect to ${next.protocol} was refused.`);
  }
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    throw new HttpFailure(
      'redirect_refused',
      'The server redirected from https to unencrypted http; that was refused.',
    );
  }
  return next;
}
