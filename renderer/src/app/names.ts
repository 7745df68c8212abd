import { createContext, useContext } from 'react';
import type { Translate } from '../i18n/use-t';

/** Video names seen in any catalogue page, so views that get bare job rows can name them. */
export class NameBook {
  private readonly names = new Map<string, string>();

  remember(videos: readonly { uid: string; name: string }[]): void {
    for (const video of videos) this.names.set(video.uid, video.name);
  }

  /** The name seen, or "Video 1a2b3c4d" in the person's language when none was. */
  nameOf(uid: string, t: Translate): string {
    return this.names.get(uid) ?? t('video.unnamed', { id: uid.slice(0, 8) });
  }

  has(uid: string): boolean {
    return this.names.has(uid);
  }
}

export const NameBookContext = createContext(new NameBook());

export function useNames(): NameBook {
  return useContext(NameBookContext);
}
