import type { LibraryIndex, SettingValue } from '../library/index';
import type { Logger } from '../log';

export type RestartEntry = SettingValue<'restartLog'>[number];
export type RestartKind = RestartEntry['what'];

/** The log keeps this many entries, newest last (the setting's schema allows no more). */
export const restartLogLimit = 200;
const detailLimit = 500;

/**
 * Records one restart the watchdog made in the `restartLog` setting (the status report counts
 * them) and in the log. The detail may come from the renderer: control characters are cut and
 * it is shortened to what the setting holds, so it can neither break a terminal nor the schema.
 */
export function recordRestart(
  library: Pick<LibraryIndex, 'getSetting' | 'setSetting'>,
  entry: { what: RestartKind; detail: string; at: number },
  logger: Logger,
): RestartEntry {
  const recorded: RestartEntry = {
    at: Math.max(0, Math.trunc(entry.at)),
    what: entry.what,
    detail: cleanDetail(entry.detail),
  };
  const log = [...library.getSetting('restartLog'), recorded].slice(-restartLogLimit);
  library.setSetting('restartLog', log);
  logger.warn('watchdog restart', { what: recorded.what, detail: recorded.detail });
  return recorded;
}

/** Restarts of a kind since an instant, from the log (the relaunch budget counts these). */
export function restartsSince(
  library: Pick<LibraryIndex, 'getSetting'>,
  what: RestartKind,
  since: number,
): RestartEntry[] {
  return library.getSetting('restartLog').filter((e) => e.what === what && e.at >= since);
}

function cleanDetail(detail: string): string {
  const plain = detail
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > detailLimit ? `${plain.slice(0, detailLimit - 1)}…` : plain;
}
