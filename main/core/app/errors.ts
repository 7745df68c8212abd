/** Stable codes of what the application layer refuses; each carries a sentence and what to do. */
export type AppErrorCode =
  | 'cancelled'
  | 'secret_storage_unavailable'
  | 'token_missing'
  | 'no_account'
  | 'video_not_found'
  | 'job_not_found'
  | 'video_not_saved'
  | 'library_unavailable'
  | 'move_target_unusable'
  | 'move_failed'
  | 'busy'
  | 'proxy_url_missing'
  | 'kiosk_locked'
  | 'kiosk_pin_required'
  | 'kiosk_pin_wrong'
  | 'kiosk_pin_backoff'
  | 'start_at_login_failed'
  | 'profile_unreadable'
  | 'profile_invalid'
  | 'setting_locked';

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly action: string | undefined;
  /** Folders the sentence names: shown to the renderer only in their display form. */
  readonly paths: readonly string[];

  constructor(
    code: AppErrorCode,
    message: string,
    action?: string,
    options?: { cause?: unknown; paths?: readonly string[] },
  ) {
    super(message, options);
    this.code = code;
    this.action = action;
    this.paths = options?.paths ?? [];
  }
}

export const appErrors = {
  cancelled: () => new AppError('cancelled', 'Nothing was done: no folder was chosen.'),
  secretStorageUnavailable: (detail?: string) =>
    new AppError(
      'secret_storage_unavailable',
      `This system offers no secure storage for the API token${detail ? ` (${detail})` : ''}, so it was not saved.`,
      'Unlock or set up the system keyring, then connect again; the demo library works without one.',
    ),
  tokenMissing: () =>
    new AppError(
      'token_missing',
      'The saved API token could not be read from the secure storage.',
      'Connect the account again.',
    ),
  noAccount: () =>
    new AppError(
      'no_account',
      'No Cloudflare account is connected.',
      'Connect an account in Settings, or open the demo library.',
    ),
  videoNotFound: (uid: string) =>
    new AppError(
      'video_not_found',
      `The catalogue has no video ${uid}.`,
      'Refresh the catalogue, then try again.',
    ),
  jobNotFound: (uid: string, kind: string) =>
    new AppError(
      'job_not_found',
      `There is no ${kind} download of video ${uid}.`,
      'Start the download first.',
    ),
  notSaved: (uid: string) =>
    new AppError(
      'video_not_saved',
      `Video ${uid} is not saved in the library, so it cannot play offline.`,
      'Download it first.',
    ),
  libraryUnavailable: (cause: unknown) =>
    new AppError(
      'library_unavailable',
      cause instanceof Error ? cause.message : 'The library could not be opened.',
      'Reconnect the drive that holds it, or move the library to another folder.',
      { cause },
    ),
  moveTargetUnusable: (folder: string, detail: string) =>
    new AppError(
      'move_target_unusable',
      `The library cannot move to ${folder}: ${detail}.`,
      'Choose an empty folder outside the current library.',
      { paths: [folder] },
    ),
  moveFailed: (detail: string, cause?: unknown) =>
    new AppError(
      'move_failed',
      `Moving the library failed (${detail}); it stays where it was and nothing in it was changed.`,
      'Check the free space and permissions of the new folder, then try again.',
      { cause },
    ),
  busy: (what: string) =>
    new AppError('busy', `The library is busy ${what}.`, 'Wait until it has finished.'),
  startAtLoginFailed: (detail: string, cause?: unknown) =>
    new AppError(
      'start_at_login_failed',
      `Offstream could not change whether it starts at login (${detail}); the setting was left as it was.`,
      'Check that your user may write its autostart settings, then try again.',
      { cause },
    ),
};

/** A failure already turned into what a person sees (secrets cut out where it was built). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(readonly problem: { code: string; message: string; action?: string }) {
    super(problem.message);
  }
}
