/** Why a transfer stopped. The queue decides what a person sees and whether to try again. */
export type TransferErrorCode =
  | 'aborted'
  | 'disk_full'
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
  | 'redirect_refused';

export class TransferError extends Error {
  readonly code: TransferErrorCode;
  readonly status?: number;

  constructor(code: TransferErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}

/** Failures that may pass by themselves: worth another attempt after a backoff. */
export function isTransient(error: TransferError): boolean {
  return ['stalled', 'server_error', 'network', 'length_mismatch'].includes(error.code);
}
