import type { KioskNow, OffstreamBridge } from '../../../main/contract/index';
import { savedVideos } from '../app/saved-videos';

/** What stands on screen outside every window of the schedule. */
export type Outside = Exclude<KioskNow, { show: 'play' }>;

export interface KioskSetup {
  uids: string[];
  /** Without a PIN the exit gesture unlocks straight away (main agrees: nothing to protect). */
  pinSet: boolean;
  /** Outside every window of the schedule: what to show instead of the playlist. */
  outside: Outside | null;
  /** When to load again because a window opens or closes (ms); null = not before a change. */
  changeInMs: number | null;
}

/** Every saved video, newest first; a page that fails ends the list there. */
async function savedUids(bridge: OffstreamBridge): Promise<string[]> {
  const { videos } = await savedVideos(async (query) => {
    const page = await bridge.invoke('catalogue:list', query);
    return page.ok ? page.value : undefined;
  });
  return videos.map((video) => video.uid);
}

/**
 * What the schedule says now: the window's playlist (or the kiosk playlist), else every saved
 * video when that list is empty; or, outside every window, what to show instead.
 */
export async function loadKioskSetup(bridge: OffstreamBridge): Promise<KioskSetup> {
  const [settings, now] = await Promise.all([
    bridge.invoke('settings:get', {}),
    bridge.invoke('kiosk:now', {}),
  ]);
  const pinSet = settings.ok ? settings.value.kioskPinSet : true;
  const changeInMs = now.ok ? now.value.changeInMs : null;
  if (now.ok && now.value.show !== 'play') {
    return { uids: [], pinSet, outside: now.value, changeInMs };
  }
  const planned = now.ok && now.value.show === 'play' ? now.value.playlist : undefined;
  const chosen = planned ?? (settings.ok ? settings.value.kioskPlaylist : []);
  const uids = chosen.length > 0 ? chosen : await savedUids(bridge);
  return { uids, pinSet, outside: null, changeInMs };
}
