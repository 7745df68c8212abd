import { describe, expect, it } from 'vitest';
import {
  automaticBlock,
  manualBlock,
  nextStatus,
  type UpdateConditions,
  type UpdateStatus,
} from '../../main/core/app/updates/index';

const open: UpdateConditions = {
  updatesAllowed: true,
  checkAutomatically: true,
  connectionMetered: false,
  kioskPlaying: false,
};
const idle: UpdateStatus = { phase: 'idle', currentVersion: '1.0.0', supported: true };

describe('when the app may update', () => {
  it('says why not, the policy first', () => {
    expect(automaticBlock(open)).toBeUndefined();
    const everything = {
      updatesAllowed: false,
      checkAutomatically: false,
      connectionMetered: true,
      kioskPlaying: true,
    };
    expect(automaticBlock(everything)).toBe('policy');
    expect(automaticBlock({ ...everything, updatesAllowed: true })).toBe('kiosk');
    expect(automaticBlock({ ...open, connectionMetered: true, checkAutomatically: false })).toBe(
      'metered',
    );
    expect(automaticBlock({ ...open, checkAutomatically: false })).toBe('automatic_off');
  });

  it('lets the person check by hand with automatic checks off, never past the policy', () => {
    expect(manualBlock({ ...open, checkAutomatically: false })).toBeUndefined();
    expect(manualBlock({ ...open, updatesAllowed: false })).toBe('policy');
    expect(manualBlock({ ...open, connectionMetered: true })).toBe('metered');
  });
});

describe('the update state machine', () => {
  it('goes idle → checking → available → downloading → ready', () => {
    let status = nextStatus(idle, { type: 'checking' }, 1);
    expect(status.phase).toBe('checking');
    status = nextStatus(status, { type: 'available', version: '1.1.0' }, 2);
    expect(status).toMatchObject({ phase: 'available', version: '1.1.0', checkedAt: 2 });
    status = nextStatus(status, { type: 'progress', percent: 40 }, 3);
    expect(status).toMatchObject({ phase: 'downloading', version: '1.1.0', percent: 40 });
    status = nextStatus(status, { type: 'downloaded', version: '1.1.0' }, 4);
    expect(status).toMatchObject({ phase: 'ready', version: '1.1.0' });
  });

  it('keeps a ready download through a later check that finds nothing newer', () => {
    const ready: UpdateStatus = { ...idle, phase: 'ready', version: '1.1.0' };
    expect(nextStatus(ready, { type: 'checking' }, 5)).toBe(ready);
    expect(nextStatus(ready, { type: 'not-available' }, 6)).toBe(ready);
  });

  it('records a failure with its code, and a new check clears it', () => {
    const failed = nextStatus(
      idle,
      { type: 'error', code: 'update_tampered', message: 'sha512' },
      1,
    );
    expect(failed).toMatchObject({ phase: 'error', error: { code: 'update_tampered' } });
    const again = nextStatus(failed, { type: 'checking' }, 2);
    expect(again.phase).toBe('checking');
    expect(again.error).toBeUndefined();
    expect(nextStatus(again, { type: 'not-available' }, 3)).toMatchObject({
      phase: 'idle',
      checkedAt: 3,
    });
  });
});
