import { describe, expect, it } from 'vitest';
import { open, tempFolder, uidOf, video } from './helpers';

const all = { filter: 'all', sort: 'name', limit: 10 } as const;

describe('recording a re-check batch', () => {
  it('brings renames into the catalogue and search, and records every status', () => {
    const index = open(tempFolder());
    index.upsertCatalogue([video(1), video(2)]);
    index.recordRecheck(
      [video(1, { name: 'Quay at night' })],
      [
        { uid: uidOf(1), status: 'present', expiresAt: 1_900_000_000_000 },
        { uid: uidOf(2), status: 'deleted', expiresAt: null },
      ],
    );
    expect(index.listCatalogue({ ...all, search: 'quay' }).items.map((i) => i.uid)).toEqual([
      uidOf(1),
    ]);
    expect(index.getUpstream(uidOf(1))).toMatchObject({
      status: 'present',
      expiresAt: 1_900_000_000_000,
    });
    expect(index.getUpstream(uidOf(2))?.status).toBe('deleted');
  });

  it('keeps nothing of a batch whose write fails part-way', () => {
    const index = open(tempFolder());
    index.upsertCatalogue([video(1), video(2)]);
    const recording = () =>
      index.recordRecheck(
        [video(1, { name: 'Quay at night' })],
        [
          { uid: uidOf(1), status: 'private', expiresAt: null },
          { uid: uidOf(2), status: 'present', expiresAt: 1.5 },
        ],
      );
    expect(recording).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(index.getVideo(uidOf(1))?.name).toBe('Video 1');
    expect(index.getUpstream(uidOf(1))).toBeUndefined();
    expect(index.getUpstream(uidOf(2))).toBeUndefined();
  });
});
