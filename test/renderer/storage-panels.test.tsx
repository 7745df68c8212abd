// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RoomOffer, TripPlan } from '../../main/contract/index';
import { VideoCard } from '../../renderer/src/catalogue/VideoCard';
import { MakeRoom } from '../../renderer/src/downloads/MakeRoom';
import { nextTimeOfDay } from '../../renderer/src/downloads/ready-by';
import { TripPlanner } from '../../renderer/src/downloads/TripPlanner';
import { FakeBridge, makeCard, ok, uid } from './fake-bridge';
import { renderWithApp } from './render';

function offer(overrides: Partial<RoomOffer> = {}): RoomOffer {
  return {
    libraryBytes: 3_000_000_000,
    freeBytes: 2_500_000_000,
    libraryLimitBytes: 3_000_000_000,
    freeSpaceFloorBytes: 2_000_000_000,
    neededBytes: 700_000_000,
    candidates: [
      { uid: uid(1), name: 'Big film', diskBytes: 2_000_000_000, lastWatchedAt: 5, finishedAt: 5 },
      {
        uid: uid(2),
        name: 'Short',
        diskBytes: 1_000_000_000,
        lastWatchedAt: null,
        finishedAt: null,
      },
    ],
    ...overrides,
  };
}

describe('make room', () => {
  it('shows what waits, each saved video with its disk use, and removes the one chosen', async () => {
    let removed = false;
    const bridge = new FakeBridge()
      .answer('storage:room', () =>
        ok(removed ? offer({ neededBytes: 0, candidates: [] }) : offer()),
      )
      .answer('library:remove', () => {
        removed = true;
        return ok({ done: true as const });
      });
    renderWithApp(bridge, <MakeRoom bridge={bridge} refreshKey={0} />);
    const list = await screen.findByRole('list', { name: 'Saved videos' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^Big film2\.0 GBWatched to the end/),
      expect.stringMatching(/^Short1\.0 GBNot played yet/),
    ]);
    expect(screen.getByText(/remove 700 MB or more/)).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Show first'), 'oldest-watched');
    await waitFor(() =>
      expect(bridge.argsOf('storage:room').at(-1)).toEqual({ order: 'oldest-watched' }),
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Remove Big film' }));
    expect(bridge.argsOf('library:remove')).toEqual([{ uid: uid(1) }]);
    await screen.findByText('No saved video can be removed.');
  });
});

const plan: TripPlan = {
  now: 0,
  readyBy: 3_600_000,
  finishAt: 600_000,
  errorFraction: 0.25,
  linkBytesPerSecond: 1_000_000,
  measured: { prepare: true, link: true, bitrate: false },
  items: [
    {
      uid: uid(2),
      name: 'Clip 2',
      kind: 'default',
      bytes: 150_000_000,
      bytesEstimated: true,
      finishAt: 600_000,
      errorMs: 150_000,
      verdict: 'ready',
    },
    {
      uid: uid(1),
      name: 'Clip 1',
      kind: 'audio',
      bytes: 9_600_000,
      bytesEstimated: true,
      finishAt: 610_000,
      errorMs: 152_000,
      verdict: 'audio_instead',
    },
  ],
};

describe('plan a trip', () => {
  it('asks for a plan of the chosen videos by the next such time, shows it, and starts it', async () => {
    const bridge = new FakeBridge()
      .answer(
        'catalogue:list',
        ok({
          items: [
            makeCard(1, { name: 'Clip 1' }),
            makeCard(2, { name: 'Clip 2' }),
            makeCard(3, { name: 'Saved one', offline: true }),
          ],
          nextCursor: null,
          remote: true,
        }),
      )
      .answer('plan:trip', ok(plan));
    let started = 0;
    renderWithApp(bridge, <TripPlanner bridge={bridge} onStarted={() => (started += 1)} />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Clip 1' }));
    expect(screen.queryByRole('checkbox', { name: 'Saved one' })).toBeNull();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Clip 2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Estimate' }));

    const asked = bridge.argsOf('plan:trip')[0];
    expect(asked?.uids).toEqual([uid(1), uid(2)]);
    expect(asked?.start).toBe(false);
    expect(new Date(asked?.readyBy ?? 0).getHours()).toBe(7);
    const list = await screen.findByRole('list', { name: /Trip plan/ });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^Clip 2 video, about 150 MB .*Ready in time$/),
      expect.stringMatching(/^Clip 1 audio, about 9\.6 MB .*Audio only/),
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Start in this order' }));
    expect(bridge.argsOf('plan:trip')[1]?.start).toBe(true);
    await waitFor(() => expect(started).toBe(1));
  });

  it('refuses an empty choice before asking', async () => {
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      ok({ items: [makeCard(1)], nextCursor: null, remote: true }),
    );
    renderWithApp(bridge, <TripPlanner bridge={bridge} onStarted={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Estimate' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one video.');
    expect(bridge.argsOf('plan:trip')).toEqual([]);
  });

  it('reads "ready by" as the next time that comes round', () => {
    const evening = new Date(2026, 0, 10, 22, 0).getTime();
    expect(new Date(nextTimeOfDay('07:00', evening) ?? 0)).toEqual(new Date(2026, 0, 11, 7, 0));
    expect(new Date(nextTimeOfDay('23:30', evening) ?? 0)).toEqual(new Date(2026, 0, 10, 23, 30));
    expect(nextTimeOfDay('7am', evening)).toBeUndefined();
  });
});

describe('the video card', () => {
  it('says what a saved video takes on this device', () => {
    const card = makeCard(1, { offline: true, diskBytes: 123_400_000 });
    const state = { label: 'Saved', tone: 'ok', percent: null, actions: [] } as never;
    renderWithApp(
      new FakeBridge(),
      <VideoCard
        card={card}
        state={state}
        thumbnailUrl={null}
        position={1}
        setSize={1}
        onAction={() => {}}
      />,
    );
    expect(screen.getByText('On this device: 123 MB')).toBeTruthy();
  });
});
