import { type FileRole, type LibraryFile, mediaPath } from '../library/index';
import { CaptionLanguage, VideoUid } from '../stream/ids';

/** Opaque media ids as the renderer sees them: `<uid>.<role>[.<lang>]`, never a path. */
export function mediaIdOf(file: Pick<LibraryFile, 'uid' | 'role' | 'language'>): string {
  return file.role === 'caption'
    ? `${file.uid}.caption.${file.language}`
    : `${file.uid}.${file.role}`;
}

/** Parses an id into the relative library path it stands for, or undefined if it is not one. */
export function mediaPathOf(
  id: string,
): { uid: string; role: FileRole; language?: string; path: string } | undefined {
  const [uid = '', role = '', language, ...rest] = id.split('.');
  if (rest.length > 0 || !VideoUid.safeParse(uid).success) return undefined;
  if (role === 'caption') {
    if (!language || !CaptionLanguage.safeParse(language).success) return undefined;
    return { uid, role, language, path: mediaPath(uid, 'caption', language) };
  }
  if (language !== undefined) return undefined;
  if (role !== 'default' && role !== 'audio' && role !== 'thumbnail') return undefined;
  return { uid, role, path: mediaPath(uid, role) };
}
