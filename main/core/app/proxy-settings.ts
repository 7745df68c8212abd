import type { ParsedArgsOf, ProxySettings } from '../../contract/index';
import type { LibraryIndex } from '../library/index';
import { AppError } from './errors';
import type { LibrarySession } from './library-session';
import type { NetworkEnvironment } from './network';

type ProxyPatch = NonNullable<ParsedArgsOf<'settings:set'>['proxy']>;

/** What Settings shows of the proxy: never the password, only whether one is kept. */
export function proxySettingsOf(library: LibraryIndex): ProxySettings {
  const { mode, url, username, passwordSaved } = library.getSetting('proxy');
  return { mode, url, username, passwordSet: passwordSaved };
}

/**
 * Stores a proxy choice: the URL and user name in the library, the password in the secret
 * store (refused rather than kept in plain text), then points the HTTP stack at it.
 */
export async function saveProxySettings(
  session: LibrarySession,
  network: NetworkEnvironment,
  patch: ProxyPatch,
): Promise<void> {
  const { library } = session;
  const stored = library.getSetting('proxy');
  const url = patch.url === undefined ? stored.url : patch.url;
  if (patch.mode === 'manual' && !url) throw proxyUrlMissing();
  let passwordSaved = stored.passwordSaved;
  if (patch.password === null || (patch.password === '' && passwordSaved)) {
    await network.proxyPassword.clear();
    passwordSaved = false;
  } else if (patch.password) {
    const storage = await network.proxyPassword.status();
    if (!storage.ok)
      throw new AppError(
        'secret_storage_unavailable',
        storage.problem.message,
        storage.problem.action,
      );
    await network.proxyPassword.save(patch.password);
    passwordSaved = true;
  }
  const username = patch.username === undefined ? stored.username : patch.username || null;
  library.setSetting('proxy', { mode: patch.mode, url: url ?? null, username, passwordSaved });
  await session.applyNetwork();
}

function proxyUrlMissing(): AppError {
  return new AppError(
    'proxy_url_missing',
    'A manual proxy needs its address.',
    'Enter the proxy as http://host:port (or socks5://host:port), or choose the system proxy.',
  );
}
