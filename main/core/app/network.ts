import type { HttpStack, NetworkSettings } from '../http/http-stack';
import {
  type ProxyChoice,
  type ProxyResolver,
  proxyResolver,
  type SystemProxy,
} from '../http/proxy-resolver';
import type { LibraryIndex } from '../library/index';
import type { SecretStore } from './secret-store';

/**
 * What a shell knows about this machine's network: how to find the system proxy (Chromium in
 * the desktop app, the environment elsewhere), which authorities to trust, and what the
 * command line imposes over the library's setting.
 */
export interface NetworkEnvironment {
  system: SystemProxy;
  /** The complete `ca` list (bundled, system, extra), or undefined for Node's default store. */
  authorities: string[] | undefined;
  /** `--proxy` on the command line: wins over the library's setting. */
  override?: ProxyChoice;
  /** Where the manual proxy's password is kept (the OS keyring in the desktop app). */
  proxyPassword: SecretStore;
  /** Origins on this machine that no proxy may be asked for (the demo's emulator). */
  directOrigins?: readonly string[];
}

/** The environment of a process that has only its variables: the command line and tests. */
export function environmentNetwork(
  env: Record<string, string | undefined>,
  proxyPassword: SecretStore,
  authorities?: string[],
): NetworkEnvironment {
  return { system: { env }, authorities, proxyPassword };
}

/** The library's proxy choice, with its password from the secret store. */
export async function proxyChoiceOf(
  library: LibraryIndex,
  network: NetworkEnvironment,
): Promise<ProxyChoice> {
  if (network.override) return network.override;
  const stored = library.getSetting('proxy');
  if (stored.mode === 'none') return { mode: 'none' };
  const password = await network.proxyPassword.load().catch(() => undefined);
  const credentials = {
    ...(stored.username ? { username: stored.username } : {}),
    ...(password ? { password } : {}),
  };
  if (stored.mode === 'manual' && stored.url !== null) {
    return { mode: 'manual', url: stored.url, ...credentials };
  }
  return { mode: 'system', ...credentials };
}

/**
 * Points the app's one HTTP stack at this library's network settings. The settings are read
 * asynchronously (the password), and every request made meanwhile waits for them.
 */
export function applyNetwork(
  http: HttpStack,
  library: LibraryIndex,
  network: NetworkEnvironment,
): Promise<NetworkSettings> {
  const direct = new Set(network.directOrigins ?? []);
  const settings = proxyChoiceOf(library, network).then((choice) => {
    const resolve = proxyResolver(choice, network.system);
    const proxy: ProxyResolver = async (url) =>
      direct.has(url.origin) ? { kind: 'direct' } : resolve(url);
    return { proxy, ca: network.authorities };
  });
  http.configure(settings);
  return settings;
}
