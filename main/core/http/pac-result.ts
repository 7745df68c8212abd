import type { ProxyServerTarget, ProxyTarget } from './proxy-target';

// PAC keywords as Chromium writes them; SOCKS alone means SOCKS4 in the PAC spec.
const pacKinds: Record<string, { kind: ProxyServerTarget['kind']; port: number }> = {
  PROXY: { kind: 'http', port: 80 },
  HTTP: { kind: 'http', port: 80 },
  HTTPS: { kind: 'https', port: 443 },
  SOCKS: { kind: 'socks4', port: 1080 },
  SOCKS4: { kind: 'socks4', port: 1080 },
  SOCKS5: { kind: 'socks5', port: 1080 },
};

/**
 * Chromium's `session.resolveProxy()` answer ("PROXY proxy.corp:8080; DIRECT") as targets in
 * its order of preference. Entries we cannot use (QUIC, garbage) are skipped; when nothing is
 * left the answer is DIRECT, as Chromium itself falls back on an unparseable PAC result.
 */
export function parsePacResult(text: string): ProxyTarget[] {
  const targets = text
    .split(';')
    .map((entry) => parseEntry(entry.trim()))
    .filter((target) => target !== undefined);
  return targets.length > 0 ? targets : [{ kind: 'direct' }];
}

function parseEntry(entry: string): ProxyTarget | undefined {
  const [keyword = '', address, ...rest] = entry.split(/\s+/);
  if (rest.length > 0) return undefined;
  const word = keyword.toUpperCase();
  if (word === 'DIRECT') return address === undefined ? { kind: 'direct' } : undefined;
  const scheme = Object.hasOwn(pacKinds, word) ? pacKinds[word] : undefined;
  if (!scheme || address === undefined) return undefined;
  const server = hostAndPort(address, scheme.port);
  return server && { kind: scheme.kind, ...server };
}

/** `host`, `host:port`, `[v6]` or `[v6]:port`; anything else (a bare IPv6, a bad port) is refused. */
function hostAndPort(
  address: string,
  defaultPort: number,
): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+))(?::(\d{1,5}))?$/.exec(address);
  if (!match) return undefined;
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (!host || port < 1 || port > 65535) return undefined;
  return { host, port };
}
