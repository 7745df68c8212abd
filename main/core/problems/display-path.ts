import { homedir } from 'node:os';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * A folder as a person reads it, never one a program can use: under the home folder it starts
 * with `~` (no user name), elsewhere only its last two names show (`…/usb/Offstream`). The
 * renderer gets only these, so it has no path it could hand back.
 */
export function displayPath(path: string, home = homedir()): string {
  const inHome = relative(home, path);
  if (inHome === '') return '~';
  if (!inHome.startsWith('..') && !isAbsolute(inHome)) return `~${sep}${inHome}`;
  const names = path.split(/[\\/]+/).filter(Boolean);
  return names.length > 2 ? `…${sep}${names.slice(-2).join(sep)}` : path;
}

/** `text` with each of `paths` in its display form, longest first (a folder inside another). */
export function withDisplayPaths(text: string, paths: readonly string[], home = homedir()): string {
  const longestFirst = [...new Set(paths)].filter(Boolean).sort((a, b) => b.length - a.length);
  let shown = text;
  for (const path of longestFirst) shown = shown.replaceAll(path, displayPath(path, home));
  // Whatever else names a place in the home folder loses the user name too (not /rootfs for /root).
  if (home.length <= 1) return shown;
  const escaped = home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return shown.replace(new RegExp(`${escaped}(?![\\w.-])`, 'g'), '~');
}

/** The folders an error (or any error it was caused by) names in its sentence. */
export function pathsNamedBy(error: unknown): string[] {
  const paths: string[] = [];
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    const named = (at as { paths?: unknown }).paths;
    if (Array.isArray(named))
      paths.push(...named.filter((p): p is string => typeof p === 'string'));
  }
  return paths;
}
