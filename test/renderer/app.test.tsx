// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { FakeBridge, makeAppInfo, makeCard, makeJob, makeSettings, ok, uid } from './fake-bridge';
import { giveElementsSize } from './render';

function connectedBridge(): FakeBridge {
  const cards = [
    makeCard(1, { name: 'Saved', offline: true }),
    makeCard(2, {
      name: 'Running',
      jobs: [makeJob({ uid: uid(2), state: 'downloading', bytesDone: 1, bytesTotal: 4 })],
    }),
  ];
  return new FakeBridge()
    .answer('account:status', ok({ mode: 'account', accountId: 'c'.repeat(32), problem: null }))
    .answer('settings:get', ok(makeSettings({ theme: 'dark' })))
    .answer('app:info', ok(makeAppInfo()))
    .answer('catalogue:list', ok({ items: cards, nextCursor: null, remote: true }))
    .answer('catalogue:refresh', ok({ count: 2 }))
    .answer('downloads:list', ok([cards[1]?.jobs[0] ?? makeJob({ uid: uid(2) })]))
    .answer('library:storage', ok({ libraryBytes: 10, files: 1, freeBytes: 100 }));
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

beforeEach(() => giveElementsSize(1000, 800));

describe('the app shell', () => {
  it('keeps the view in the hash and navigates with the header', async () => {
    window.location.hash = '#/settings';
    render(<App bridge={connectedBridge()} />);
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(document.documentElement.dataset.theme).toBe('dark');
    await userEvent.setup().click(screen.getByRole('link', { name: /^Downloads/ }));
    expect(await screen.findByRole('heading', { name: 'Downloads', level: 1 })).toBeTruthy();
    expect(window.location.hash).toBe('#/downloads');
  });

  it('refreshes the catalogue once at start when an account is connected', async () => {
    window.location.hash = '#/library';
    const bridge = connectedBridge();
    render(<App bridge={bridge} />);
    await screen.findByRole('listitem', { name: /^Saved/ });
    await waitFor(() => expect(bridge.argsOf('catalogue:refresh')).toHaveLength(1));
  });

  it('has no axe violations in the library, downloads and settings views', async () => {
    window.location.hash = '#/library';
    render(<App bridge={connectedBridge()} />);
    await screen.findByRole('listitem', { name: /^Saved/ });
    expect(await violations()).toEqual([]);
    window.location.hash = '#/downloads';
    await screen.findByRole('heading', { name: 'Downloads', level: 1 });
    await screen.findByRole('listitem', { name: /^Running/ });
    expect(await violations()).toEqual([]);
    window.location.hash = '#/settings';
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    expect(await violations()).toEqual([]);
  });
});
