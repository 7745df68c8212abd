import { describe, expect, it } from 'vitest';
import { LibraryError } from '../../main/core/library/index';
import {
  decide,
  failJob,
  maxLimitedAttempts,
  withAttemptCap,
} from '../../main/core/queue/decisions';
import { StreamApiError } from '../../main/core/stream/errors';
import { TransferError } from '../../main/core/transfer/errors';

const stream = (code: StreamApiError['code'], retryAfterMs?: number) =>
  new StreamApiError({ code, message: code, ...(retryAfterMs ? { retryAfterMs } : {}) });
const transfer = (code: TransferError['code']) => new TransferError(code, code);

describe('what a job does after an error', () => {
  it.each([
    // [error, next, problem code]
    [stream('rate_limited'), 'wait', 'rate_limited'],
    [stream('network'), 'wait', 'network'],
    [stream('server_error'), 'wait', 'server_error'],
    [stream('video_not_ready'), 'wait', 'video_processing'],
    [stream('not_found'), 'fail', 'video_not_found'],
    [stream('auth_invalid'), 'fail', 'auth_invalid'],
    [stream('auth_missing_permission'), 'fail', 'auth_missing_permission'],
    [stream('proxy_auth'), 'fail', 'proxy_auth'],
    [stream('tls_untrusted'), 'fail', 'tls_untrusted'],
    [transfer('url_forbidden'), 'fail', 'url_forbidden'],
    [transfer('url_not_found'), 'fail', 'video_not_found'],
    [transfer('captive_portal'), 'wait', 'captive_portal'],
    [transfer('stalled'), 'wait', 'network'],
    [transfer('disk_full'), 'pause', 'disk_full'],
    [transfer('redirect_refused'), 'fail', 'redirect_refused'],
    [failJob('preparation_stalled'), 'fail', 'preparation_stalled'],
    [failJob('signed_url_expired'), 'fail', 'signed_url_expired'],
    [failJob('token_not_downloadable'), 'fail', 'token_not_downloadable'],
    [new LibraryError('disk_full', 'full'), 'pause', 'disk_full'],
    [new Error('surprise'), 'fail', 'internal'],
  ] as const)('%s → %s (%s)', (error, next, code) => {
    const decision = decide(error);
    expect(decision.next).toBe(next);
    expect(decision.problem.code).toBe(code);
    expect(decision.problem.action.length).toBeGreaterThan(5);
  });

  it('waits as long as Cloudflare asked after a 429, and until online after a network error', () => {
    expect(decide(stream('rate_limited', 42_000))).toMatchObject({ retryAfterMs: 42_000 });
    expect(decide(transfer('network'))).toMatchObject({ next: 'wait', untilOnline: true });
  });

  it('gives up on a wrong answer after a few attempts, never on the network', () => {
    const notMedia = decide(transfer('not_media'));
    expect(withAttemptCap(notMedia, maxLimitedAttempts - 1).next).toBe('wait');
    expect(withAttemptCap(notMedia, maxLimitedAttempts)).toEqual({
      next: 'fail',
      problem: notMedia.problem,
    });
    const network = decide(transfer('network'));
    expect(withAttemptCap(network, 100).next).toBe('wait');
  });
});
