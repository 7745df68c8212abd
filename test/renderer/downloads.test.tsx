// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../main/contract/index';
import { DownloadsView } from '../../renderer/src/downloads/DownloadsView';
import { FakeBridge, makeCard, makeJob, ok, uid } from './fake-bridge';
import { renderWithApp } from './render';

const problem = {
  code: 'disk_full',
  message: 'The disk holding the library is full.',
  action: 'Free some space, then choose Retry.',
};

function bridgeWith(jobs: JobView[]): FakeBridge {
  return new FakeBridge()
    .answer('downloads:list', ok(jobs))
    .answer(
      'library:storage',
      ok({ libraryBytes: 4_200_000_000, files: 31, freeBytes: 120_000_000_000 }),
    )
    .answer(
      'catalogue:list',
      ok({
        items: jobs.map((job, i) => makeCard(i + 1, { uid: job.uid, name: `Clip ${i + 1}` })),
        nextCursor: null,
        remote: true,
      }),
    )
    .answer('download:pause', (args) =>
      ok(makeJob({ uid: args.uid, kind: args.kind ?? 'default', state: 'paused' })),
    )
    .answer('download:resume', (args) =>
      ok(makeJob({ uid: args.uid, kind: args.kind ?? 'default', state: 'queued' })),
    )
    .answer('download:retry', (args) =>
      ok(makeJob({ uid: args.uid, kind: args.kind ?? 'default', state: 'queued' })),
    )
    .answer('download:cancel', (args) =>
      ok(makeJob({ uid: args.uid, kind: args.kind ?? 'default', state: 'removed' })),
    )
    .answer('download:pause-all', ok({ count: 2 }));
}

const running = makeJob({ uid: uid(1), state: 'downloading', bytesDone: 30, bytesTotal: 100 });
const held = makeJob({
  uid: uid(2),
  kind: 'audio',
  state: 'paused',
  bytesDone: 10,
  bytesTotal: 100,
});
const broken = makeJob({ uid: uid(3), state: 'failed', problem });

function row(name: RegExp): HTMLElement {
  return screen.getByRole('listitem', { name });
}

describe('downloads view', () => {
  it('lists every job with its state, problem and buttons', async () => {
    const bridge = bridgeWith([running, held, broken]);
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Clip 1/ });
    expect(
      within(row(/^Clip 1/))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Pause', 'Cancel']);
    expect(
      within(row(/^Clip 1/))
        .getByRole('progressbar')
        .getAttribute('aria-valuenow'),
    ).toBe('30');
    expect(
      within(row(/^Clip 2/))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume', 'Cancel']);
    expect(row(/^Clip 2/).textContent).toContain('Audio only');
    expect(
      within(row(/^Clip 3/))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Retry', 'Cancel']);
    expect(row(/^Clip 3/).textContent).toContain(problem.message);
    expect(row(/^Clip 3/).textContent).toContain(problem.action);
    expect(
      screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow'),
    ).toBe('20');
    expect(screen.getByText('4.2 GB in 31 files')).toBeTruthy();
    expect(screen.getByText('120 GB')).toBeTruthy();
  });

  it('pause, resume and retry call their channels with the job', async () => {
    const bridge = bridgeWith([running, held, broken]);
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByRole('listitem', { name: /^Clip 1/ })).getByRole('button', {
        name: 'Pause',
      }),
    );
    expect(bridge.argsOf('download:pause')).toEqual([{ uid: uid(1), kind: 'default' }]);
    await waitFor(() => expect(row(/^Clip 1/).textContent).toContain('Paused'));

    await user.click(within(row(/^Clip 2/)).getByRole('button', { name: 'Resume' }));
    expect(bridge.argsOf('download:resume')).toEqual([{ uid: uid(2), kind: 'audio' }]);

    await user.click(within(row(/^Clip 3/)).getByRole('button', { name: 'Retry' }));
    expect(bridge.argsOf('download:retry')).toEqual([{ uid: uid(3), kind: 'default' }]);
    await waitFor(() => expect(row(/^Clip 3/).textContent).toContain('Queued'));
  });

  it('names a finished job by the saved video when the downloading page does not list it', async () => {
    const saved = makeJob({ uid: uid(4), state: 'complete', bytesDone: 100, bytesTotal: 100 });
    const bridge = bridgeWith([saved]).answer('catalogue:list', (args) =>
      ok({
        items: args.filter === 'offline' ? [makeCard(4, { name: 'Kept clip', offline: true })] : [],
        nextCursor: null,
        remote: true,
      }),
    );
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Kept clip/ });
  });

  it('cancel removes the row and says so', async () => {
    const bridge = bridgeWith([running]);
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await userEvent.setup().click(
      within(await screen.findByRole('listitem', { name: /^Clip 1/ })).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(bridge.argsOf('download:cancel')).toEqual([{ uid: uid(1), kind: 'default' }]);
    await screen.findByText('No downloads yet');
    expect(screen.getByRole('status').textContent).toContain('Clip 1 was cancelled.');
  });

  it('pause all pauses everything and announces how many', async () => {
    const second = makeJob({ uid: uid(2), state: 'preparing', percentPrepared: 40 });
    const bridge = bridgeWith([running, second]);
    bridge.script('downloads:list', ok([running, second]));
    bridge.answer(
      'downloads:list',
      ok([
        { ...running, state: 'paused' },
        { ...second, state: 'paused' },
      ]),
    );
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Clip 1/ });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pause all' }));
    expect(bridge.argsOf('download:pause-all')).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('Paused 2 downloads.'),
    );
    await waitFor(() => expect(row(/^Clip 2/).textContent).toContain('Paused'));
  });

  it('follows progress events and shows speed and time left', async () => {
    const bridge = bridgeWith([running]);
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Clip 1/ });
    act(() =>
      bridge.emit('job:progress', {
        uid: uid(1),
        kind: 'default',
        bytesDone: 75,
        total: 100,
        bytesPerSecond: 2_000_000,
        etaSeconds: 30,
      }),
    );
    expect(
      within(row(/^Clip 1/))
        .getByRole('progressbar')
        .getAttribute('aria-valuenow'),
    ).toBe('75');
    expect(row(/^Clip 1/).textContent).toContain('2.0 MB/s · 30 s left');
  });

  it('draws the ranges held when a file comes over several connections', async () => {
    const bridge = bridgeWith([running]);
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Clip 1/ });
    act(() =>
      bridge.emit('job:progress', {
        uid: uid(1),
        kind: 'default',
        bytesDone: 50,
        total: 100,
        bytesPerSecond: 2_000_000,
        segments: [
          [0, 30],
          [50, 70],
        ],
      }),
    );
    const bar = within(row(/^Clip 1/)).getByTestId('job-segments');
    const widths = [...bar.children].map((span) => (span as HTMLElement).style.width);
    expect(widths).toEqual(['30%', '20%']);
  });

  it('shows the problem when downloads cannot be listed', async () => {
    const bridge = bridgeWith([]).answer('downloads:list', {
      ok: false,
      error: {
        code: 'library_unavailable',
        message: 'The library folder cannot be opened.',
        action: 'Check the drive is connected.',
      },
    });
    renderWithApp(bridge, <DownloadsView bridge={bridge} />);
    expect(
      await screen.findByText('The library folder cannot be opened.', { selector: 'p' }),
    ).toBeTruthy();
  });
});
