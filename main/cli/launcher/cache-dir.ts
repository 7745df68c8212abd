import { isAbsolute, join } from 'node:path';

/**
 * Where the command line keeps V8's code cache: the OS's per-user cache folder (never a shared
 * temp folder, where another user could plant bytecode). `OFFSTREAM_CODE_CACHE=off` turns it off.
 */
export function codeCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string | undefined {
  if (env.OFFSTREAM_CODE_CACHE === 'off' || !isAbsolute(home)) return undefined;
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : undefined;
    return join(local ?? join(home, 'AppData', 'Local'), 'Offstream', 'Cache', 'code');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Offstream', 'code');
  // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
  const cacheHome =
    env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return join(cacheHome ?? join(home, '.cache'), 'offstream', 'code');
}
