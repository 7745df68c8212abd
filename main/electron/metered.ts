import { execFile } from 'node:child_process';

/**
 * NetworkManager's overall verdict on the connection (its `Metered` property, NMMetered):
 * 1 yes and 3 guessed yes (a phone's hotspot) are metered, 2 no and 4 guessed no are not,
 * 0 unknown says nothing. Electron itself exposes no metered flag, and on Windows and macOS
 * the OS answers only through APIs a process would have to be spawned for at every check.
 */
export function parseNetworkManagerMetered(output: string): boolean | undefined {
  const value = /^\(<uint32 (\d+)>,\)$/.exec(output.trim())?.[1];
  if (value === '1' || value === '3') return true;
  if (value === '2' || value === '4') return false;
  return undefined;
}

type Run = (file: string, args: string[]) => Promise<string>;

const runQuietly: Run = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 2_000, windowsHide: true }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

/** On Linux with NetworkManager (gdbus comes with GLib); elsewhere, or without it, undefined. */
export function osSaysMetered(platform: NodeJS.Platform, run: Run = runQuietly) {
  return async (): Promise<boolean | undefined> => {
    if (platform !== 'linux') return undefined;
    const output = await run('gdbus', [
      'call',
      '--system',
      '--dest',
      'org.freedesktop.NetworkManager',
      '--object-path',
      '/org/freedesktop/NetworkManager',
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      'org.freedesktop.NetworkManager',
      'Metered',
    ]).catch(() => '');
    return parseNetworkManagerMetered(output);
  };
}
