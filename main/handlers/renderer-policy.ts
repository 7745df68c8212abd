/**
 * The renderer's Content-Security-Policy, for both shells. Electron plays library media from
 * the `media:` scheme; browser mode serves it from its own origin, so it names no extra source.
 */
export function rendererPolicy(mediaSource?: string): string {
  const media = mediaSource ? ` ${mediaSource}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self'${media} data:`,
    `media-src 'self'${media}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Directives a `<meta>` policy may not carry (browsers ignore them there), so only headers do. */
export const headerOnlyDirectives: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The policy as renderer/index.html's `<meta>` tag must state it. */
export function metaPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !headerOnlyDirectives.includes(directive.split(' ')[0] ?? ''))
    .join('; ');
}

/** Headers every renderer page and asset carries, in either shell. */
export function securityHeaders(policy: string): Record<string, string> {
  return { 'content-security-policy': policy, 'x-content-type-options': 'nosniff' };
}
