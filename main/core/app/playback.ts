import type { PlaybackSource } from '../../contract/index';
import type { LibraryFile, LibraryIndex } from '../library/index';
import { mediaIdOf } from '../playback/media-id';
import { appErrors } from './errors';

/** The file a saved video plays from: its MP4, else its audio-only M4A. */
function mediaFile(present: readonly LibraryFile[]): LibraryFile | undefined {
  return present.find((f) => f.role === 'default') ?? present.find((f) => f.role === 'audio');
}

function presentFiles(library: Pick<LibraryIndex, 'getFiles'>, uid: string): LibraryFile[] {
  return library.getFiles(uid).filter((f) => f.status === 'present');
}

/** Whether playback:source would find something to play for this video here. */
export function isPlayable(library: Pick<LibraryIndex, 'getFiles'>, uid: string): boolean {
  return mediaFile(presentFiles(library, uid)) !== undefined;
}

/** What the player needs for one saved video: media ids only, never a path. */
export function playbackSource(library: LibraryIndex, uid: string): PlaybackSource {
  const present = presentFiles(library, uid);
  const video = mediaFile(present);
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
