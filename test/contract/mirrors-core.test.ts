import { describe, expect, it } from 'vitest';
import { DownloadKind, JobState, VideoUid } from '../../main/contract/schemas';
import { jobStates } from '../../main/core/library/types';
import * as core from '../../main/core/stream/ids';

// The contract may import only zod, so it restates these; this keeps the copies equal.
describe('main/contract mirrors main/core', () => {
  it('has the same job states, in the same order', () => {
    expect(JobState.options).toEqual([...jobStates]);
  });

  const uidSamples = [
    'a1e9c0d4b2f3485697a0b1c2d3e4f5a6',
    '0'.repeat(32),
    'f'.repeat(32),
    'A1E9C0D4B2F3485697A0B1C2D3E4F5A6',
    'a1e9c0d4b2f3485697a0b1c2d3e4f5a',
    'a1e9c0d4b2f3485697a0b1c2d3e4f5a60',
    'g1e9c0d4b2f3485697a0b1c2d3e4f5a6',
    ' a1e9c0d4b2f3485697a0b1c2d3e4f5a6',
    'a1e9c0d4b2f3485697a0b1c2d3e4f5a6\n',
    '../a1e9c0d4b2f3485697a0b1c2d3e4f5',
    '',
    42,
    null,
  ];

  it.each(uidSamples.map((sample) => [JSON.stringify(sample), sample]))(
    'VideoUid decides %s as core does',
    (_label, sample) => {
      expect(VideoUid.safeParse(sample).success).toBe(core.VideoUid.safeParse(sample).success);
    },
  );

  const kindSamples = ['default', 'audio', 'Default', 'thumbnail', 'default.mp4', '', undefined];

  it.each(kindSamples.map((sample) => [String(sample), sample]))(
    'DownloadKind decides %s as core does',
    (_label, sample) => {
      expect(DownloadKind.safeParse(sample).success).toBe(
        core.DownloadKind.safeParse(sample).success,
      );
    },
  );

  it('samples both accepted and refused values', () => {
    const accepted = uidSamples.filter((s) => core.VideoUid.safeParse(s).success);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(uidSamples.length);
    expect(DownloadKind.options).toEqual(core.DownloadKind.options);
  });
});

describe('the contract’s schedule schemas mirror main/core/schedule', async () => {
  const contract = await import('../../main/contract/schedule');
  const coreWindows = await import('../../main/core/schedule/windows');
  const { settingsSchema } = await import('../../main/core/library/settings-schema');
  const samples: unknown[] = [
    { days: ['mon'], from: '01:00', to: '05:00' },
    { days: ['mon', 'sun'], from: '23:59', to: '00:00' },
    { days: [], from: '01:00', to: '05:00' },
    { days: ['monday'], from: '01:00', to: '05:00' },
    { days: ['mon'], from: '24:00', to: '05:00' },
    { days: ['mon'], from: '1:00', to: '05:00' },
    { days: ['mon'], from: '01:00' },
  ];
  it.each(samples.map((s) => [JSON.stringify(s), s]))('TimeWindow decides %s alike', (_l, s) => {
    expect(contract.TimeWindow.safeParse(s).success).toBe(
      coreWindows.TimeWindow.safeParse(s).success,
    );
  });

  const uid = 'a'.repeat(32);
  const window = { days: ['tue'], from: '08:00', to: '18:00' };
  const schedules: unknown[] = [
    { windows: [window], outside: { show: 'black' } },
    { windows: [{ ...window, playlist: [uid] }], outside: { show: 'still', uid } },
    { windows: [{ ...window, playlist: [] }], outside: { show: 'black' } },
    { windows: [window], outside: { show: 'countdown' } },
    { windows: [], outside: { show: 'black' } },
    { windows: [window], outside: { show: 'still' } },
    { windows: [window], outside: { show: 'video' } },
  ];
  it.each(schedules.map((s) => [JSON.stringify(s), s]))(
    'KioskSchedule decides %s alike',
    (_l, s) => {
      expect(contract.KioskSchedule.nullable().safeParse(s).success).toBe(
        settingsSchema.kioskSchedule.safeParse(s).success,
      );
    },
  );

  const downloadWindows: unknown[] = [
    { windows: [window], capInside: 0, outside: { mode: 'paused' } },
    { windows: [window], capInside: 5, outside: { mode: 'capped', cap: 100 } },
    { windows: [window], capInside: -1, outside: { mode: 'paused' } },
    { windows: [window], capInside: 0, outside: { mode: 'capped' } },
  ];
  it.each(downloadWindows.map((s) => [JSON.stringify(s), s]))(
    'DownloadWindow decides %s alike',
    (_l, s) => {
      expect(contract.DownloadWindow.safeParse(s).success).toBe(
        coreWindows.DownloadWindow.safeParse(s).success,
      );
    },
  );
});
