import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../main/core/log';

function capture(level: 'debug' | 'info' = 'debug', secrets: string[] = []) {
  const records: LogRecord[] = [];
  const logger = createLogger({ level, sink: (r) => records.push(r), secrets: () => secrets });
  return { logger, records };
}

describe('logger', () => {
  it('writes structured records with level, message and fields', () => {
    const { logger, records } = capture();
    logger.child({ component: 'stream' }).info('listed videos', { count: 3 });
    expect(records).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'listed videos',
        component: 'stream',
        count: 3,
      }),
    ]);
    expect(Date.parse(records[0]?.ts ?? '')).not.toBeNaN();
  });

  it('drops records below its level', () => {
    const { logger, records } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    expect(records.map((r) => r.msg)).toEqual(['kept']);
  });

  it('redacts secret-named fields at any depth', () => {
    const { logger, records } = capture();
    logger.info('request', {
      headers: { Authorization: 'Bearer abc', accept: 'json' },
      token: 'x',
    });
    expect(records[0]?.headers).toEqual({ Authorization: '[redacted]', accept: 'json' });
    expect(records[0]?.token).toBe('[redacted]');
  });

  it('scrubs registered secret values wherever they appear', () => {
    const secret = 'cf-token-1234567890';
    const { logger, records } = capture('debug', [secret]);
    logger.error(`failed with ${secret}`, {
      url: `https://x.test/?t=${secret}`,
      error: new Error(`bad ${secret}`),
    });
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(records[0]?.error).toEqual({ name: 'Error', message: 'bad [redacted]' });
  });
});
