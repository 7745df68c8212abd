/** Where one request goes: straight to its host, or through one proxy. */
export type ProxyTarget =
  | { kind: 'direct' }
  | {
      kind: 'http' | 'https' | 'socks4' | 'socks5';
      host: string;
      port: number;
      username?: string;
      password?: string;
    };

export type ProxyServerTarget = Exclude<ProxyTarget, { kind: 'direct' }>;

/** IPv6 literals need brackets before a port can follow them. */
function hostPort(target: ProxyServerTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}

/**
 * The proxy as the URL the proxy agents take (`http://user:pass@host:port`), credentials
 * percent-encoded so a `@` or `:` in them survives; undefined when going direct.
 */
export function proxyUrlOf(target: ProxyTarget): string | undefined {
  if (target.kind === 'direct') return undefined;
  const { username, password } = target;
  const hasCredentials = username !== undefined || password !== undefined;
  const user = encodeURIComponent(username ?? '');
  const secret = password === undefined ? '' : `:${encodeURIComponent(password)}`;
  return `${target.kind}://${hasCredentials ? `${user}${secret}@` : ''}${hostPort(target)}`;
}

/** The proxy for logs and messages: scheme, host and port only, never the credentials. */
export function describeProxy(target: ProxyTarget): string {
  if (target.kind === 'direct') return 'direct';
  return `${target.kind}://${hostPort(target)}`;
}
