import type { OffstreamBridge } from '../../../main/contract/index';

export interface KioskSetup {
  uids: string[];
  /** Without a PIN the exit gesture unlocks straight away (main agrees: nothing to protect). */
  pinSet: boolean;
}

const PAGE = 500;

/** Every saved video, newest first, across catalogue pages; files known missing are left out. */
async function savedVideos(bridge: OffstreamBridge): Promise<string[]> {
  const uids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bridge.invoke('catalogue:list', { filter: 'offline', limit: PAGE, cursor });
    if (!page.ok) break;
    for (const card of page.value.items) if (card.offline && !card.missing) uids.push(card.uid);
    cursor = page.value.nextCursor ?? undefined;
  } while (cursor);
  return uids;
}

/** The operator's kiosk playlist, or every saved video when the playlist is empty. */
export async function loadKioskSetup(bridge: OffstreamBridge): Promise<KioskSetup> {
  const settings = await bridge.invoke('settings:get', {});
  const pinSet = settings.ok ? settings.value.kioskPinSet : true;
  const chosen = settings.ok ? settings.value.kioskPlaylist : [];
  return { uids: chosen.length > 0 ? chosen : await savedVideos(bridge), pinSet };
}
