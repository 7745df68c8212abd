import { type Channel, channels, type Outcome } from '../contract/index';
import { zodSentence } from '../core/app/index';
import type { Logger } from '../core/log';

/** What happens when a handler answers in a shape the contract does not allow. */
export type ResultCheck = 'off' | 'report' | 'throw';

export function defaultResultCheck(env: NodeJS.ProcessEnv = process.env): ResultCheck {
  if (env.VITEST) return 'throw';
  return env.NODE_ENV === 'production' ? 'off' : 'report';
}

/** Checks a handler's value against the channel's result schema: a bug surfaces, loudly in tests. */
export function checkResult(
  channel: Channel,
  value: unknown,
  mode: ResultCheck,
  logger: Logger,
): Outcome<unknown> {
  if (mode === 'off') return { ok: true, value };
  const parsed = channels[channel].result.safeParse(value);
  if (parsed.success) return { ok: true, value };
  const detail = `the ${channel} handler answered a wrong shape: ${zodSentence(parsed.error)}`;
  if (mode === 'throw') throw new Error(detail);
  logger.error('contract violation', { channel, detail });
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'Something unexpected went wrong. Report it with the log.',
    },
  };
}
