import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';

/** Turns starting at login on or off for this user; each desktop shell supplies its own. */
export type StartAtLogin = (enabled: boolean) => Promise<void>;

const autostartFileName = 'offstream.desktop';

/**
 * Where the XDG autostart entry goes: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart
 * (a relative XDG_CONFIG_HOME is invalid by the spec and ignored).
 */
export function autostartFile(env: NodeJS.ProcessEnv, home = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && isAbsolute(configHome) ? configHome : join(home, '.config');
  return join(base, 'autostart', autostartFileName);
}

/**
 * The desktop entry that starts `command` at login. The path is quoted as the Desktop Entry
 * spec asks; a path with a line break or a control character could not be written safely.
 */
export function autostartEntry(command: string): string {
  if (!isAbsolute(command) || /\p{Cc}/u.test(command)) {
    throw new Error('the program path cannot go into an autostart entry');
  }
  const quoted = `"${command.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Offstream',
    'Comment=Saved Cloudflare Stream videos, offline',
    `Exec=${quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Linux: writes (atomically) or removes the XDG autostart entry. `command` is what the
 * desktop should run: the AppImage itself when run from one, else the app's executable.
 */
export function xdgStartAtLogin(options: {
  env: NodeJS.ProcessEnv;
  command: string;
  home?: string;
}): StartAtLogin {
  const file = autostartFile(options.env, options.home);
  return async (enabled) => {
    if (!enabled) {
      await rm(file, { force: true });
      return;
    }
    const entry = autostartEntry(options.command);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFileAtomic(file, entry, { mode: 0o644 });
  };
}
