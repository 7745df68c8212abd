import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../main/core/log';
import { desktopLogger } from '../../main/electron/logger';

describe('the desktop logger', () => {
  it('cuts out a secret the app learns after the logger was made, wherever it hides', () => {
    const records: LogRecord[] = [];
    const secrets: string[] = [];
    const logger = desktopLogger(
      () => secrets,
      (record) => records.push(record),
    );
    const token = 'cf-token-0123456789abcdef';
    secrets.push(token);
    logger.child({ component: 'app' }).warn(`request with ${token} failed`, {
      url: `https://api.example/x?token=${token}`,
      error: new Error(`Bearer ${token} refused`),
    });
    const line = JSON.stringify(records);
    expect(line).not.toContain(token);
    expect(line).toContain('[redacted]');
    expect(records[0]).toMatchObject({ shell: 'electron', component: 'app', level: 'warn' });
  });
});
