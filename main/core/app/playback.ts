import type { PlaybackSource } from '../../contract/index';
import type { LibraryIndex } from '../library/index';
import { mediaIdOf } from '../playback/media-id';
import { appErrors } from './errors';

/** What the player needs for one saved video: media ids only, never a path. */
export function playbackSource(library: LibraryIndex, uid: string): PlaybackSource {
  const present = library.getFiles(uid).filter((f) => f.status === 'present');
  const video =
    present.find((f) => f.role === 'default') ?? present.find((f) => f.role === 'audio');
  if (!video) throw appErrors.notSaved(uid);
  const labels = new Map(library.getCaptions(uid).map((c) => [c.language, c.label]));
  const captions = present
    .filter((f) => f.role === 'caption' && f.language)
    .map((f) => {
      const language = f.language ?? '';
      return { language, label: labels.get(language) ?? language, track: mediaIdOf(f) };
    });
  return {
    video: mediaIdOf(video),
    captions,
    position: library.getPosition(uid)?.seconds ?? null,
    name: library.getVideo(uid)?.name ?? uid,
  };
}
