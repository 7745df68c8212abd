import { BlockList, isIP } from 'node:net';
import type { ProxyServerTarget, ProxyTarget } from './proxy-target';

type Env = Record<string, string | undefined>;

/** A proxy variable that cannot be used; the message names the variable, never its password. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
  readonly code = 'proxy_config';
}

// Lowercase first, as curl reads them; the scheme's own variable before the catch-all.
const proxyVariables: Record<string, string[]> = {
  'https:': ['https_proxy', 'HTTPS_PROXY'],
  'http:': ['http_proxy', 'HTTP_PROXY'],
};
const fallbackVariables = ['all_proxy', 'ALL_PROXY'];
const noProxyVariables = ['no_proxy', 'NO_PROXY'];

const proxySchemes: Record<string, { kind: ProxyServerTarget['kind']; port: number }> = {
  'http:': { kind: 'http', port: 80 },
  'https:': { kind: 'https', port: 443 },
  'socks:': { kind: 'socks5', port: 1080 },
  'socks4:': { kind: 'socks4', port: 1080 },
  'socks4a:': { kind: 'socks4', port: 1080 },
  'socks5:': { kind: 'socks5', port: 1080 },
  'socks5h:': { kind: 'socks5', port: 1080 },
};

const originPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy the usual variables (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY) name for `url`. */
export function proxyFromEnv(url: URL, env: Env): ProxyTarget {
  const noProxy = firstSet(env, noProxyVariables);
  if (noProxy && bypassesProxy(url, noProxy.value)) return { kind: 'direct' };
  const names = [...(proxyVariables[url.protocol] ?? []), ...fallbackVariables];
  const chosen = firstSet(env, names);
  return chosen ? parseProxyUrl(chosen.value, chosen.name) : { kind: 'direct' };
}

/** Whether any proxy variable is set at all (an empty one counts as unset, as in curl). */
export function hasProxyEnv(env: Env): boolean {
  const names = [...Object.values(proxyVariables).flat(), ...fallbackVariables];
  return firstSet(env, names) !== undefined;
}

function firstSet(env: Env, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/**
 * One proxy address as curl takes it: no scheme means http://, socks means SOCKS5, userinfo
 * gives the credentials. `source` names where it came from, for the error message.
 */
export function parseProxyUrl(value: string, source: string): ProxyServerTarget {
  const url = parseOrThrow(value.includes('://') ? value : `http://${value}`, source);
  const scheme = Object.hasOwn(proxySchemes, url.protocol) ? proxySchemes[url.protocol] : undefined;
  if (!scheme) {
    throw new ProxyConfigError(
      `${source} uses the scheme ${url.protocol} which is not a proxy this app can use (http, https, socks4 or socks5).`,
    );
  }
  const host = unbracket(url.hostname).toLowerCase();
  if (!host) throw new ProxyConfigError(`${source} does not name a proxy host.`);
  return {
    kind: scheme.kind,
    host,
    port: url.port ? Number(url.port) : scheme.port,
    ...credentials(url, source),
  };
}

function parseOrThrow(value: string, source: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ProxyConfigError(
      `${source} is not a proxy address this app understands; expected something like http://proxy.example:8080.`,
    );
  }
}

function credentials(url: URL, source: string): { username?: string; password?: string } {
  try {
    return {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    };
  } catch {
    throw new ProxyConfigError(
      `${source} has a user name or password that is not properly percent-encoded.`,
    );
  }
}

function unbracket(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** The request's host as NO_PROXY entries are compared with it. */
interface RequestHost {
  name: string;
  family: 0 | 4 | 6;
  port: number;
}

/**
 * Whether a NO_PROXY list sends `url` direct. Loopback is not bypassed unless listed: tests
 * and local tools run proxies on 127.0.0.1 and expect them to be used.
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const name = unbracket(url.hostname).replace(/\.+$/, '').toLowerCase();
  const port = url.port ? Number(url.port) : (originPorts[url.protocol] ?? 0);
  const host: RequestHost = { name, family: isIP(name) as 0 | 4 | 6, port };
  return noProxy.split(/[\s,]+/).some((entry) => entryMatches(entry, host));
}

function entryMatches(raw: string, host: RequestHost): boolean {
  if (raw === '*') return true;
  const entry = splitPort(raw.toLowerCase());
  if (!entry?.name) return false;
  if (entry.port !== undefined && entry.port !== host.port) return false;
  if (entry.name.includes('/')) return inSubnet(entry.name, host);
  if (isIP(entry.name)) return sameAddress(entry.name, host);
  return inDomain(entry.name, host);
}

/** `name`, `name:port`, `[v6]`, `[v6]:port`; a bare IPv6 (or v6 CIDR) has no port. */
function splitPort(entry: string): { name: string; port?: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2]);
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { name: entry };
  const [name = '', port = ''] = entry.split(':');
  return /^\d+$/.test(port) ? withPort(name, port) : undefined;
}

function withPort(name: string, port: string | undefined): { name: string; port?: number } {
  return port === undefined ? { name } : { name, port: Number(port) };
}

const familyName = (family: 4 | 6) => (family === 4 ? 'ipv4' : 'ipv6');

function inSubnet(cidr: string, host: RequestHost): boolean {
  const [network = '', prefix = ''] = cidr.split('/');
  const family = isIP(network);
  if (family === 0 || host.family === 0 || !/^\d+$/.test(prefix)) return false;
  try {
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), familyName(family as 4 | 6));
    return list.check(host.name, familyName(host.family));
  } catch {
    // A prefix longer than the family allows: the entry is ignored, as curl does.
    return false;
  }
}

/** Compared as addresses, so `::1` matches `0:0:0:0:0:0:0:1`. */
function sameAddress(address: string, host: RequestHost): boolean {
  if (host.family === 0) return false;
  const list = new BlockList();
  list.addAddress(address, familyName(isIP(address) as 4 | 6));
  return list.check(host.name, familyName(host.family));
}

/** `example.com`, `.example.com` and `*.example.com` all cover the domain and its subdomains. */
function inDomain(entry: string, host: RequestHost): boolean {
  const domain = entry.replace(/^\*?\./, '').replace(/\.+$/, '');
  if (!domain || host.family !== 0) return false;
  return host.name === domain || host.name.endsWith(`.${domain}`);
}
