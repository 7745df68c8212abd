/** What a failed file operation means for a person, whatever the OS called it. */
export type FsFailure = 'disk_full' | 'unwritable' | 'busy';

const meanings: Record<string, FsFailure> = {
  ENOSPC: 'disk_full',
  // A quota is a full disk for this user.
  EDQUOT: 'disk_full',
  EROFS: 'unwritable',
  EACCES: 'unwritable',
  EPERM: 'unwritable',
  // Windows: the file is open in another program (a player, an antivirus scan).
  EBUSY: 'busy',
};

/** The one errno mapping of the app; undefined for failures that are not about the disk. */
export function fsFailureOf(error: unknown): FsFailure | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === undefined ? undefined : meanings[code];
}
