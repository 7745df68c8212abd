import { fsFailureOf } from '../problems/fs-failure';

/** Why a transfer stopped. The queue decides what a person sees and whether to try again. */
export type TransferErrorCode =
  | 'aborted'
  | 'disk_full'
  /** The file would cross the free-space floor or the library's size limit (see `room`). */
  | 'no_room'
  | 'library_unwritable'
  | 'url_forbidden'
  | 'url_not_found'
  | 'video_errored'
  | 'captive_portal'
  | 'not_media'
  | 'length_mismatch'
  | 'stalled'
  | 'server_error'
  | 'network'
  | 'bad_url'
  | 'proxy_auth'
  | 'tls_untrusted'
  /** The server redirected to http from https, or without end: not followed, not retried. */
  | 'redirect_refused'
  /** Windows: another program holds the saved file open; the whole `.part` waits for later. */
  | 'file_busy';

/** Which line a download would cross, and by how much: what a person must free. */
export interface RoomShortfall {
  line: 'free_space_floor' | 'library_limit';
  neededBytes: number;
  availableBytes: number;
}

export class TransferError extends Error {
  readonly code: TransferErrorCode;
  readonly status?: number;
  /** How long the server asked us to wait (its Retry-After), when it said. */
  readonly retryAfterMs?: number;
  readonly room?: RoomShortfall;

  constructor(
    code: TransferErrorCode,
    message: string,
    status?: number,
    retryAfterMs?: number,
    room?: RoomShortfall,
  ) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
    if (status !== undefined) this.status = status;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    if (room !== undefined) this.room = room;
  }
}

/** Failures that may pass by themselves: worth another attempt after a backoff. */
export function isTransient(error: TransferError): boolean {
  return ['stalled', 'server_error', 'network', 'length_mismatch'].includes(error.code);
}

/**
 * A failure of the transfer's own file work or socket, as a coded TransferError: the disk
 * meanings come from the one errno mapping; a folder deleted under us (ENOENT) is unwritable.
 */
export function transferFailureOf(error: unknown): TransferError {
  if (error instanceof TransferError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const failure = fsFailureOf(error);
  if (failure === 'disk_full') {
    return new TransferError('disk_full', 'The disk is full. Free some space, then resume.');
  }
  if (failure === 'unwritable' || failure === 'busy' || code === 'ENOENT') {
    return new TransferError(
      'library_unwritable',
      `The library folder cannot be written (${code}).`,
    );
  }
  return new TransferError('network', `The connection failed (${code ?? 'unknown'}).`);
}
