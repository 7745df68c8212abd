import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user library folder shared by the desktop app and the CLI, so both see one library:
 * the OS's application-data folder (what Electron calls userData) plus `Library`.
 */
export function defaultLibraryFolder(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Offstream', 'Library');
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', 'Offstream', 'Library');
  }
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/')
    ? env.XDG_CONFIG_HOME
    : join(home, '.config');
  return join(configHome, 'Offstream', 'Library');
}
