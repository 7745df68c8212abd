/** The renderer's home: a custom standard scheme, so it never runs from file:// or the network. */
export const appScheme = 'app';
export const appHost = 'offstream';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * True when `url` belongs to the app origin. Compared by scheme and host because WHATWG URL
 * reports an opaque "null" origin for schemes it does not know, even registered standard ones.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
