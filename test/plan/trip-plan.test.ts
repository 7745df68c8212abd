import { describe, expect, it } from 'vitest';
import { planTrip, type TripInput, type TripVideo } from '../../main/core/plan/trip-plan';

const MB = 1_000_000;
const now = 1_700_000_000_000;
const minutes = (n: number) => n * 60_000;

function video(uid: string, overrides: Partial<TripVideo> = {}): TripVideo {
  return {
    uid,
    name: `Video ${uid}`,
    durationSeconds: 600,
    mp4Bytes: null,
    audioBytes: null,
    heldBytes: 0,
    prepared: false,
    saved: false,
    ...overrides,
  };
}

/** 1 MB/s link, 0.1 s of preparation per video second, 250 kB of MP4 and 16 kB of M4A per second. */
function input(videos: TripVideo[], overrides: Partial<TripInput> = {}): TripInput {
  return {
    videos,
    now,
    readyBy: now + minutes(60),
    roomBytes: null,
    rates: {
      prepareMsPerVideoSecond: 100,
      linkBytesPerSecond: MB,
      mp4BytesPerVideoSecond: 250_000,
      audioBytesPerVideoSecond: 16_000,
      measured: { prepare: true, link: true, bitrate: true },
    },
    ...overrides,
  };
}

describe('the trip planner', () => {
  it('estimates sizes from duration × bitrate and finishes from preparation then transfer', () => {
    const plan = planTrip(input([video('a')]));
    const [a] = plan.items;
    // 600 s × 250 kB = 150 MB; prepared after 60 s; 150 s over the link.
    expect(a).toMatchObject({ kind: 'default', bytes: 150 * MB, bytesEstimated: true });
    expect(a?.preparedAt).toBe(now + 60_000);
    expect(a?.finishAt).toBe(now + 210_000);
    expect(a?.verdict).toBe('ready');
    expect(plan.finishAt).toBe(now + 210_000);
    expect(plan.errorFraction).toBe(0.25);
  });

  it('uses a known size and the bytes already held, and skips preparation when ready', () => {
    const plan = planTrip(
      input([video('a', { mp4Bytes: 40 * MB, heldBytes: 10 * MB, prepared: true })]),
    );
    expect(plan.items[0]).toMatchObject({ bytes: 30 * MB, bytesEstimated: false });
    expect(plan.items[0]?.finishAt).toBe(now + 30_000);
  });

  it('orders the queue so the quickest to finish go first, whatever order they were asked in', () => {
    const plan = planTrip(
      input([video('long', { durationSeconds: 1200 }), video('short', { durationSeconds: 60 })]),
    );
    expect(plan.items.map((i) => i.uid)).toEqual(['short', 'long']);
    // short: ready at 6 s, 15 MB → 21 s; long: ready at 120 s, 300 MB → 420 s.
    expect(plan.items.map((i) => i.finishAt)).toEqual([now + 21_000, now + 420_000]);
  });

  it('shares the link: a file waits for the one before it', () => {
    const plan = planTrip(
      input([
        video('a', { mp4Bytes: 60 * MB, prepared: true }),
        video('b', { mp4Bytes: 90 * MB, prepared: true }),
      ]),
    );
    expect(plan.items.map((i) => i.finishAt)).toEqual([now + 60_000, now + 150_000]);
  });

  it('offers the audio-only M4A for what will not be ready in time, and keeps the rest whole', () => {
    const plan = planTrip(
      input([video('a'), video('b'), video('c')], { readyBy: now + minutes(7) }),
    );
    // Three MP4s need 60 s + 3 × 150 s = 510 s > 420 s: the last one goes as audio (9.6 MB).
    const byUid = Object.fromEntries(plan.items.map((i) => [i.uid, i]));
    const verdicts = plan.items.map((i) => i.verdict).sort();
    // The M4A, ready first, goes first; the second MP4's error band reaches past the time.
    expect(verdicts).toEqual(['at_risk', 'audio_instead', 'ready']);
    expect(plan.items[0]?.verdict).toBe('audio_instead');
    const audio = plan.items.find((i) => i.verdict === 'audio_instead');
    expect(audio).toMatchObject({ kind: 'audio', bytes: 9_600_000 });
    expect(Object.keys(byUid).sort()).toEqual(['a', 'b', 'c']);
    for (const item of plan.items) expect(item.finishAt).toBeLessThanOrEqual(now + minutes(7));
  });

  it('says late when neither file makes it, and lists it after the others', () => {
    const plan = planTrip(
      input([video('huge', { durationSeconds: 36_000 }), video('a')], {
        readyBy: now + minutes(10),
      }),
    );
    expect(plan.items.map((i) => [i.uid, i.verdict])).toEqual([
      ['a', 'ready'],
      ['huge', 'late'],
    ]);
    expect(plan.items[1]?.finishAt).toBeNull();
  });

  it('keeps to the room left: what does not fit goes as audio, or not at all', () => {
    const plan = planTrip(
      input([video('a'), video('b'), video('tiny', { durationSeconds: 10 })], {
        roomBytes: 165 * MB,
      }),
    );
    // tiny (2.5 MB) and one MP4 (150 MB) fit; the other MP4 does not, its M4A (9.6 MB) does.
    const verdicts = Object.fromEntries(plan.items.map((i) => [i.uid, i.verdict]));
    expect(verdicts.tiny).toBe('ready');
    expect(Object.values(verdicts).sort()).toEqual(['audio_instead', 'ready', 'ready']);
    const total = plan.items.reduce((sum, i) => sum + (i.kind ? i.bytes : 0), 0);
    expect(total).toBeLessThanOrEqual(165 * MB);

    // Room for neither file of one video, but the M4A of the other.
    const none = planTrip(
      input([video('a'), video('b', { durationSeconds: 1200 })], { roomBytes: 12 * MB }),
    );
    expect(none.items.map((i) => [i.uid, i.verdict])).toEqual([
      ['a', 'audio_instead'],
      ['b', 'no_room'],
    ]);
    expect(none.items[1]).toMatchObject({ kind: null, finishAt: null });
  });

  it('states a wider error when it runs on defaults, and leaves saved videos alone', () => {
    const base = input([video('a', { saved: true }), video('b')]);
    const plan = planTrip({
      ...base,
      rates: { ...base.rates, measured: { prepare: false, link: true, bitrate: true } },
    });
    expect(plan.errorFraction).toBe(0.5);
    expect(plan.items.find((i) => i.uid === 'a')).toMatchObject({ verdict: 'saved', kind: null });
  });

  it('calls a finish at risk when the error band reaches past the time', () => {
    // Finishes at 210 s; ± 25 % is 52.5 s: ready by 240 s is at risk, by 270 s is not.
    expect(planTrip(input([video('a')], { readyBy: now + 240_000 })).items[0]?.verdict).toBe(
      'at_risk',
    );
    expect(planTrip(input([video('a')], { readyBy: now + 270_000 })).items[0]?.verdict).toBe(
      'ready',
    );
  });
});
