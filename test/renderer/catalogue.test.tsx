// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountStatus, CatalogueCard } from '../../main/contract/index';
import { CardGrid } from '../../renderer/src/catalogue/CardGrid';
import { CatalogueView } from '../../renderer/src/catalogue/CatalogueView';
import { FakeBridge, makeCard, makeJob, ok, uid } from './fake-bridge';
import { giveElementsSize, renderWithApp } from './render';

const account: AccountStatus = { mode: 'account', accountId: 'a'.repeat(32), problem: null };

function page(items: CatalogueCard[], remote = true, nextCursor: string | null = null) {
  return ok({ items, nextCursor, remote });
}

function renderCatalogue(bridge: FakeBridge, options: { account?: AccountStatus } = {}) {
  const played: { uid: string; playlist: string[] }[] = [];
  renderWithApp(
    bridge,
    <CatalogueView
      bridge={bridge}
      account={options.account ?? account}
      online
      autoRefresh={false}
      onAutoRefreshDone={() => {}}
      onPlay={(id, playlist) => played.push({ uid: id, playlist })}
    />,
  );
  return played;
}

function buttonsOf(item: HTMLElement): string[] {
  return within(item)
    .getAllByRole('button')
    .map((button) => button.textContent ?? '');
}

beforeEach(() => giveElementsSize(1000, 800));

describe('catalogue', () => {
  it('searches as you type, passing the text to catalogue:list', async () => {
    const bridge = new FakeBridge().answer('catalogue:list', (args) =>
      page(args.search ? [makeCard(2, { name: 'Cats at play' })] : [makeCard(1)]),
    );
    renderCatalogue(bridge);
    await screen.findByRole('listitem', { name: /^Video 1/ });
    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search videos' }), 'cats');
    await screen.findByRole('listitem', { name: /^Cats at play/ });
    const last = bridge.argsOf('catalogue:list').at(-1);
    expect(last).toMatchObject({ search: 'cats', filter: 'all', sort: 'newest' });
  });

  it('filters and sorts through catalogue:list', async () => {
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      ok({ items: [], nextCursor: null, remote: true }),
    );
    renderCatalogue(bridge);
    const user = userEvent.setup();
    const onDevice = await screen.findByRole('button', { name: 'On this device' });
    await user.click(onDevice);
    await waitFor(() => expect(bridge.argsOf('catalogue:list').at(-1)?.filter).toBe('offline'));
    expect(onDevice.getAttribute('aria-pressed')).toBe('true');
    await screen.findByText('Nothing is saved on this device yet');
    await user.click(screen.getByRole('button', { name: 'Downloading' }));
    await waitFor(() => expect(bridge.argsOf('catalogue:list').at(-1)?.filter).toBe('downloading'));
    await user.selectOptions(screen.getByLabelText('Sort'), 'name');
    await waitFor(() =>
      expect(bridge.argsOf('catalogue:list').at(-1)).toMatchObject({
        filter: 'downloading',
        sort: 'name',
      }),
    );
  });

  it('marks a video removed from the account, and shows the expiry of another', async () => {
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      page([
        makeCard(1, { name: 'Gone upstream', offline: true, upstream: 'deleted' }),
        makeCard(2, {
          name: 'Leaving soon',
          upstream: 'present',
          expiresAt: '2099-03-04T00:00:00Z',
        }),
        makeCard(3, { name: 'Staying', upstream: 'present' }),
      ]),
    );
    renderCatalogue(bridge);
    const items = await screen.findAllByRole('listitem');
    const text = (name: string) => items.find((i) => i.textContent?.includes(name))?.textContent;
    expect(text('Gone upstream')).toContain('Removed from your account');
    expect(text('Leaving soon')).toMatch(/Expires .*2099/);
    expect(text('Staying')).not.toMatch(/Removed from your account|Expires/);
  });

  it('offers the buttons each state allows', async () => {
    const problem = { code: 'disk_full', message: 'The disk is full.', action: 'Free some space.' };
    const cards = [
      makeCard(1, { name: 'Fresh' }),
      makeCard(2, {
        name: 'Running',
        jobs: [makeJob({ uid: uid(2), state: 'downloading', bytesDone: 50, bytesTotal: 100 })],
      }),
      makeCard(3, {
        name: 'Held',
        jobs: [makeJob({ uid: uid(3), state: 'paused', bytesDone: 5, bytesTotal: 100 })],
      }),
      makeCard(4, { name: 'Broken', jobs: [makeJob({ uid: uid(4), state: 'failed', problem })] }),
      makeCard(5, {
        name: 'Saved',
        offline: true,
        jobs: [makeJob({ uid: uid(5), state: 'complete' })],
      }),
      makeCard(6, { name: 'Gone', missing: true }),
      makeCard(7, {
        name: 'Cooking',
        jobs: [makeJob({ uid: uid(7), state: 'preparing', percentPrepared: 42 })],
      }),
      makeCard(8, { name: 'Unprocessable', ready: false, errored: true }),
    ];
    const bridge = new FakeBridge().answer('catalogue:list', page(cards));
    renderCatalogue(bridge);
    const item = (name: string) => screen.getByRole('listitem', { name: new RegExp(`^${name}`) });
    await screen.findByRole('listitem', { name: /^Fresh/ });

    expect(buttonsOf(item('Fresh'))).toEqual(['Download', 'Download audio only']);
    expect(buttonsOf(item('Running'))).toEqual(['Pause', 'Cancel']);
    expect(within(item('Running')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe(
      '50',
    );
    expect(buttonsOf(item('Held'))).toEqual(['Resume', 'Cancel']);
    expect(item('Held').textContent).toContain('Paused');
    expect(buttonsOf(item('Broken'))).toEqual(['Retry', 'Cancel']);
    expect(item('Broken').textContent).toContain('Failed: The disk is full.');
    expect(buttonsOf(item('Saved'))).toEqual(['Play', 'Remove from device']);
    expect(screen.getByRole('listitem', { name: 'Saved Available offline' })).toBeTruthy();
    expect(buttonsOf(item('Gone'))).toContain('Remove from device');
    expect(item('Gone').textContent).toContain('Missing on disk');
    expect(item('Cooking').textContent).toContain('Preparing 42%');
    expect(within(item('Unprocessable')).queryAllByRole('button')).toEqual([]);
    expect(item('Unprocessable').textContent).toContain('Processing failed');
  });

  it('calls the right channel for each card button and plays in list order', async () => {
    const cards = [
      makeCard(1, { name: 'Fresh' }),
      makeCard(2, { name: 'Saved one', offline: true }),
      makeCard(3, { name: 'Saved two', offline: true }),
      makeCard(4, { name: 'Held', jobs: [makeJob({ uid: uid(4), state: 'paused' })] }),
    ];
    const bridge = new FakeBridge()
      .answer('catalogue:list', page(cards))
      .answer('download:start', (args) =>
        ok(makeJob({ uid: args.uid, kind: args.kind ?? 'default' })),
      )
      .answer('download:resume', (args) => ok(makeJob({ uid: args.uid, state: 'downloading' })));
    const played = renderCatalogue(bridge);
    const user = userEvent.setup();
    const fresh = await screen.findByRole('listitem', { name: /^Fresh/ });
    await user.click(within(fresh).getByRole('button', { name: 'Download audio only' }));
    expect(bridge.argsOf('download:start')).toEqual([{ uid: uid(1), kind: 'audio' }]);
    await waitFor(() =>
      expect(buttonsOf(screen.getByRole('listitem', { name: /^Fresh/ }))).toEqual([
        'Pause',
        'Cancel',
      ]),
    );
    expect(screen.getByRole('status').textContent).toContain(
      'The audio of Fresh was added to downloads.',
    );

    await user.click(
      within(screen.getByRole('listitem', { name: /^Held/ })).getByRole('button', {
        name: 'Resume',
      }),
    );
    expect(bridge.argsOf('download:resume')).toEqual([{ uid: uid(4), kind: 'default' }]);

    await user.click(
      within(screen.getByRole('listitem', { name: /^Saved two/ })).getByRole('button', {
        name: 'Play',
      }),
    );
    expect(played).toEqual([{ uid: uid(3), playlist: [uid(2), uid(3)] }]);
  });

  it('shows the problem when a call fails', async () => {
    const bridge = new FakeBridge()
      .answer('catalogue:list', page([makeCard(1, { name: 'Fresh' })]))
      .answer('download:start', {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'This token cannot create downloads.',
          action: 'Add the Stream Edit permission.',
        },
      });
    renderCatalogue(bridge);
    const fresh = await screen.findByRole('listitem', { name: /^Fresh/ });
    await userEvent.setup().click(within(fresh).getByRole('button', { name: 'Download' }));
    expect(
      await screen.findByText('This token cannot create downloads.', { selector: 'p' }),
    ).toBeTruthy();
    expect(screen.getByText('Add the Stream Edit permission.', { selector: 'p' })).toBeTruthy();
  });

  it('updates the progress bar in place from job:progress and job:state events', async () => {
    const running = makeJob({ uid: uid(1), state: 'downloading', bytesDone: 10, bytesTotal: 100 });
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      page([makeCard(1, { name: 'Live', jobs: [running] })]),
    );
    renderCatalogue(bridge);
    const card = await screen.findByRole('listitem', { name: /^Live/ });
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');

    act(() =>
      bridge.emit('job:progress', {
        uid: uid(1),
        kind: 'default',
        bytesDone: 63,
        total: 100,
        bytesPerSecond: 4_100_000,
        etaSeconds: 120,
      }),
    );
    const updated = screen.getByRole('listitem', { name: /^Live/ });
    expect(within(updated).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('63');
    expect(updated.textContent).toContain('Downloading 63% · 4.1 MB/s · 2 min left');

    act(() => bridge.emit('job:state', { ...running, state: 'complete', bytesDone: 100 }));
    const done = screen.getByRole('listitem', { name: /^Live/ });
    expect(within(done).queryByRole('progressbar')).toBeNull();
    expect(buttonsOf(done)).toEqual(['Play', 'Remove from device']);
    expect(screen.getByRole('status').textContent).toContain('Live is available offline.');
  });

  it('says a removed video was removed, whenever the retired job’s event arrives', async () => {
    const saved = makeCard(1, { name: 'Kept', offline: true });
    const finished = makeJob({ uid: uid(1), state: 'complete', bytesDone: 100, bytesTotal: 100 });
    const bridge = new FakeBridge()
      .answer('catalogue:list', page([saved]))
      .answer('library:remove', () => {
        // The core retires the finished job while removing: its event comes before the answer.
        bridge.emit('job:state', { ...finished, state: 'removed' });
        return ok({ done: true as const });
      });
    renderCatalogue(bridge);
    const card = await screen.findByRole('listitem', { name: /^Kept/ });
    await userEvent.setup().click(within(card).getByRole('button', { name: 'Remove from device' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(
        'Kept was removed from this device.',
      ),
    );
    act(() => bridge.emit('job:state', { ...finished, state: 'removed' }));
    expect(screen.getByRole('status').textContent).not.toContain('cancelled');
  });

  it('refetches when the catalogue changes', async () => {
    const bridge = new FakeBridge()
      .script('catalogue:list', page([makeCard(1, { name: 'Before' })]))
      .answer('catalogue:list', page([makeCard(2, { name: 'After' })]));
    renderCatalogue(bridge);
    await screen.findByRole('listitem', { name: /^Before/ });
    act(() => bridge.emit('catalogue:changed', {}));
    expect(await screen.findByRole('listitem', { name: /^After/ })).toBeTruthy();
  });

  it('says why only the local library is shown when the page is not remote', async () => {
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      page([makeCard(1, { offline: true })], false),
    );
    renderCatalogue(bridge);
    const banner = await screen.findByRole('note');
    expect(banner.textContent).toContain('Showing only the local library.');
    expect(banner.textContent).toContain('Cloudflare cannot be reached');
  });

  it('names the missing account as the reason when none is connected', async () => {
    const bridge = new FakeBridge().answer(
      'catalogue:list',
      page([makeCard(1, { offline: true })], false),
    );
    renderCatalogue(bridge, { account: { mode: 'none', accountId: null, problem: null } });
    expect((await screen.findByRole('note')).textContent).toContain(
      'No Cloudflare account is connected',
    );
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('refreshes from Cloudflare with the Refresh button', async () => {
    const bridge = new FakeBridge()
      .answer('catalogue:list', page([makeCard(1)]))
      .answer('catalogue:refresh', ok({ count: 1 }));
    renderCatalogue(bridge);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(bridge.argsOf('catalogue:refresh')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('1 video.'));
  });

  it('loads the next page with nextCursor when scrolled near the end', async () => {
    const first = Array.from({ length: 120 }, (_, i) => makeCard(i + 1));
    const bridge = new FakeBridge()
      .script('catalogue:list', page(first, true, 'cursor-1'))
      .answer('catalogue:list', page([makeCard(500, { name: 'From page two' })]));
    renderCatalogue(bridge);
    await screen.findByRole('listitem', { name: /^Video 1 / });
    expect(bridge.argsOf('catalogue:list')).toHaveLength(1);
    const scroller = screen.getByRole('list', { name: 'Videos' }).parentElement as HTMLElement;
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 326 * 27 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(bridge.argsOf('catalogue:list')).toHaveLength(2));
    expect(bridge.argsOf('catalogue:list')[1]).toMatchObject({ cursor: 'cursor-1' });
  });
});

describe('the virtualized grid', () => {
  it('renders only the rows near the viewport of 100,000 videos', () => {
    const cards = Array.from({ length: 100_000 }, (_, i) => makeCard(i + 1));
    const { container } = render(
      <CardGrid
        items={cards}
        label="Videos"
        keyOf={(card) => card.uid}
        renderItem={(card, index) => (
          // biome-ignore lint/a11y/useSemanticElements: mirrors the card, which sits in a virtual row
          <div role="listitem" aria-posinset={index + 1} aria-label={card.name}>
            <h3>{card.name}</h3>
            <button type="button">Play</button>
          </div>
        )}
      />,
    );
    const rendered = screen.getAllByRole('listitem');
    expect(rendered.length).toBeGreaterThan(4);
    expect(rendered.length).toBeLessThan(60);
    expect(container.querySelectorAll('*').length).toBeLessThan(400);
    const list = screen.getByRole('list', { name: 'Videos' });
    expect(Number.parseInt(list.style.height, 10)).toBeGreaterThan(25_000 * 300);

    const scroller = list.parentElement as HTMLElement;
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 326 * 12_000 });
    act(() => {
      fireEvent.scroll(scroller);
    });
    const middle = screen
      .getAllByRole('listitem')
      .map((item) => Number(item.getAttribute('aria-posinset')));
    expect(middle.length).toBeLessThan(60);
    expect(middle).toContain(48_001);
    expect(screen.queryByRole('listitem', { name: 'Video 1' })).toBeNull();
  });
});
