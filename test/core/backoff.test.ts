import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../main/core/backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, capMs: 30_000 };

  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(250);
    expect(backoffDelay(0, policy, () => 1)).toBe(500);
    expect(backoffDelay(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4_000);
  });

  it('never exceeds the cap however many attempts', () => {
    expect(backoffDelay(40, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(40, policy, () => 0)).toBe(15_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');

  it('reads delta seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '30' }, now)).toBe(30_000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter({ 'retry-after': 'Sat, 28 Nov 2026 12:00:45 GMT' }, now)).toBe(45_000);
    expect(parseRetryAfter({ 'retry-after': 'Sat, 28 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '30' }, now)).toBe(1_500);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });
});
