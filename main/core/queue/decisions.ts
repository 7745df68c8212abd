import { isLibraryError } from '../library/index';
import { type JobProblem, type JobProblemCode, problem } from '../problems/catalogue';
import { withDisplayPaths } from '../problems/display-path';
import { isStreamApiError } from '../stream/errors';
import { DeliveryUrlError } from '../stream/signed-url';
import { TransferError } from '../transfer/errors';
import { formatMiB } from '../transfer/transfer';

/** What a job does after an error: wait and try again, pause for a person, or fail. */
export type JobDecision =
  | { next: 'wait'; problem: JobProblem; retryAfterMs?: number; untilOnline?: boolean }
  | { next: 'pause'; problem: JobProblem }
  | { next: 'fail'; problem: JobProblem };

const waitFor = (code: JobProblemCode, extra: Partial<JobDecision> = {}): JobDecision => ({
  next: 'wait',
  problem: problem(code),
  ...extra,
});
const failWith = (code: JobProblemCode, detail?: string): JobDecision => ({
  next: 'fail',
  problem: problem(code, detail),
});

/** A step of a job that already knows what must happen next (e.g. a link without downloads). */
export class JobStop extends Error {
  constructor(readonly decision: JobDecision) {
    super(decision.problem.message);
    this.name = 'JobStop';
  }
}

export function failJob(code: JobProblemCode, detail?: string): JobStop {
  return new JobStop(failWith(code, detail));
}

/** Maps an error from the API client, a transfer or the library to what the job does next. */
export function decide(error: unknown): JobDecision {
  if (error instanceof JobStop) return error.decision;
  if (isStreamApiError(error)) {
    switch (error.code) {
      case 'rate_limited':
        return waitFor(
          'rate_limited',
          error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {},
        );
      case 'network':
        return waitFor('network', { untilOnline: true });
      case 'server_error':
      case 'bad_response':
        return waitFor(error.code);
      case 'video_not_ready':
        return waitFor('video_processing');
      case 'not_found':
        return failWith('video_not_found');
      case 'auth_invalid':
      case 'auth_missing_permission':
      case 'video_errored':
      case 'proxy_auth':
      case 'tls_untrusted':
        return failWith(error.code);
    }
  }
  if (error instanceof TransferError) return decideTransfer(error);
  if (error instanceof DeliveryUrlError) return failWith('bad_url', error.message);
  if (isLibraryError(error)) {
    if (error.code === 'disk_full') return { next: 'pause', problem: problem('disk_full') };
    // The job's sentence reaches the renderer: its folder only in the display form.
    return failWith('library_unwritable', withDisplayPaths(error.message, error.paths));
  }
  return failWith('internal', error instanceof Error ? error.message : String(error));
}

/** How often a download waiting for room looks again, beside being woken when room is made. */
export const roomRecheckMs = 60_000;

function decideTransfer(error: TransferError): JobDecision {
  switch (error.code) {
    case 'no_room': {
      const code = error.room?.line === 'library_limit' ? 'library_limit' : 'storage_floor';
      const detail = error.room
        ? `${formatMiB(error.room.neededBytes)} needed, ${formatMiB(error.room.availableBytes)} available`
        : undefined;
      return { next: 'wait', problem: problem(code, detail), retryAfterMs: roomRecheckMs };
    }
    case 'disk_full':
      return { next: 'pause', problem: problem('disk_full') };
    case 'network':
    case 'stalled':
      return waitFor('network', { untilOnline: true });
    case 'server_error':
    case 'length_mismatch':
      return waitFor('server_error');
    case 'captive_portal':
      return waitFor('captive_portal', { untilOnline: true });
    case 'not_media':
      return waitFor('not_media');
    // Never a failed job: the bytes are whole in .partial and go in once the file is let go.
    case 'file_busy':
      return waitFor('file_busy');
    case 'url_not_found':
      return failWith('video_not_found');
    case 'url_forbidden':
      return failWith('url_forbidden');
    case 'video_errored':
    case 'library_unwritable':
    case 'bad_url':
    case 'proxy_auth':
    case 'tls_untrusted':
      return failWith(error.code);
    case 'redirect_refused':
      return failWith(error.code, error.message);
    case 'aborted':
      return failWith('internal', 'stopped');
  }
}

/** Failures worth a few more tries, but not an endless loop (a portal page, a broken answer). */
const limitedRetries: ReadonlySet<string> = new Set([
  'not_media',
  'bad_response',
  'download_failed',
]);
export const maxLimitedAttempts = 5;

/** A wait that has already been tried `attempts` times becomes a failure for the person. */
export function withAttemptCap(decision: JobDecision, attempts: number): JobDecision {
  const capped = limitedRetries.has(decision.problem.code) && attempts >= maxLimitedAttempts;
  return decision.next === 'wait' && capped
    ? { next: 'fail', problem: decision.problem }
    : decision;
}
