import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../main/core/log';
import { checkResult } from '../../main/handlers/index';

describe('result check', () => {
  const good = { ok: true };
  const bad = { ok: 'yes' };

  it('passes values of the contract shape', () => {
    expect(checkResult('kiosk:unlock', good, 'throw', createLogger())).toEqual({
      ok: true,
      value: good,
    });
  });

  it('throws in tests when a handler answers a wrong shape', () => {
    expect(() => checkResult('kiosk:unlock', bad, 'throw', createLogger())).toThrow(/kiosk:unlock/);
  });

  it('answers internal and logs outside tests', () => {
    const records: LogRecord[] = [];
    const logger = createLogger({ sink: (r) => records.push(r) });
    const outcome = checkResult('kiosk:unlock', bad, 'report', logger);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(records.map((r) => r.msg)).toEqual(['contract violation']);
    expect(checkResult('kiosk:unlock', bad, 'off', logger)).toEqual({ ok: true, value: bad });
  });
});
