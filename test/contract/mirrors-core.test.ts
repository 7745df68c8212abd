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
