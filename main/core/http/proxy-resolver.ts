import { parsePacResult } from './pac-result';
import { parseProxyUrl, proxyFromEnv } from './proxy-env';
import type { ProxyTarget } from './proxy-target';

/** Which way one request goes: straight to the host, or through which proxy. */
export type ProxyResolver = (url: URL) => Promise<ProxyTarget>;

/** What the person chose in Settings (or on the command line). */
export type ProxyChoice =
  /** Credentials, when given, answer a system proxy that asks for them (a company proxy). */
  | { mode: 'system'; username?: string; password?: string }
  | { mode: 'none' }
  | { mode: 'manual'; url: string; username?: string; password?: string };

export interface SystemProxy {
  /** Chromium's answer for a URL in PAC form ("PROXY host:port; DIRECT"); the desktop shell has it. */
  resolvePac?: (url: string) => Promise<string>;
  /** The environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY): the command line's system. */
  env: Record<string, string | undefined>;
}

const direct: ProxyTarget = { kind: 'direct' };

/**
 * The resolver for a choice. "System" is what the platform offers: Chromium's per-URL answer
 * (PAC, WPAD and the OS settings) in the desktop app, the proxy variables everywhere else.
 */
export function proxyResolver(choice: ProxyChoice, system: SystemProxy): ProxyResolver {
  switch (choice.mode) {
    case 'none':
      return async () => direct;
    case 'manual': {
      const target = manualTarget(choice);
      return async () => target;
    }
    case 'system': {
      const { resolvePac } = system;
      const sign = (target: ProxyTarget) => withCredentials(target, choice);
      if (resolvePac) {
        return async (url) => sign(firstUsable(parsePacResult(await resolvePac(url.href))));
      }
      return async (url) => sign(proxyFromEnv(url, system.env));
    }
  }
}

/** A manual proxy URL, with the credentials kept beside it rather than inside it. */
export function manualTarget(choice: Extract<ProxyChoice, { mode: 'manual' }>): ProxyTarget {
  const target = parseProxyUrl(choice.url, 'The proxy address');
  return {
    ...target,
    ...(choice.username ? { username: choice.username } : {}),
    ...(choice.password ? { password: choice.password } : {}),
  };
}

/** The person's proxy credentials for a proxy the system named without any. */
function withCredentials(target: ProxyTarget, given: { username?: string; password?: string }) {
  if (target.kind === 'direct' || target.username !== undefined || !given.username) return target;
  return {
    ...target,
    username: given.username,
    ...(given.password ? { password: given.password } : {}),
  };
}

/** Chromium lists fallbacks in order; the first one is what the browser itself would use. */
function firstUsable(targets: ProxyTarget[]): ProxyTarget {
  return targets[0] ?? direct;
}
