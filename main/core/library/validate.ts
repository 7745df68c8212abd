import type { DownloadKind as DownloadKindType } from '../stream/ids';
import { DownloadKind, VideoUid } from '../stream/ids';
import { libraryErrors } from './errors';

export function checkUid(uid: string): string {
  if (!VideoUid.safeParse(uid).success) throw libraryErrors.invalid(`video uid "${uid}"`);
  return uid;
}

export function checkKind(kind: string): DownloadKindType {
  const parsed = DownloadKind.safeParse(kind);
  if (!parsed.success) throw libraryErrors.invalid(`download kind "${kind}"`);
  return parsed.data;
}
