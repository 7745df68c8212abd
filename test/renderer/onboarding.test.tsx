// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../main/contract/index';
import { App } from '../../renderer/src/App';
import { FakeBridge, fail, makeAppInfo, makeCard, makeJob, makeSettings, ok } from './fake-bridge';
import './render';

const accountId = 'a'.repeat(32);
const none: AccountStatus = { mode: 'none', accountId: null, problem: null };

function firstStartBridge(): FakeBridge {
  return new FakeBridge()
    .answer('account:status', ok(none))
    .answer('settings:get', ok(makeSettings()))
    .answer('app:info', ok(makeAppInfo()))
    .answer('catalogue:list', ok({ items: [], nextCursor: null, remote: true }))
    .answer('catalogue:refresh', ok({ count: 0 }));
}

async function fillAccount(token: string) {
  const user = userEvent.setup();
  const form = screen.getByRole('form', { name: 'Connect a Cloudflare account' });
  await user.clear(within(form).getByLabelText('Account ID'));
  await user.type(within(form).getByLabelText('Account ID'), accountId);
  await user.clear(within(form).getByLabelText('API token'));
  await user.type(within(form).getByLabelText('API token'), token);
  await user.click(within(form).getByRole('button', { name: 'Connect' }));
}

describe('onboarding', () => {
  it('shows the problem for a wrong token, then proceeds with the right one', async () => {
    const bridge = firstStartBridge().script(
      'account:connect',
      fail({
        code: 'unauthorized',
        message: 'Cloudflare refused this API token.',
        action: 'Create a token with Stream Read permission and paste it again.',
      }),
      ok({ mode: 'account', accountId, problem: null }),
    );
    render(<App bridge={bridge} />);
    await screen.findByRole('heading', { name: 'Welcome to Offstream' });

    await fillAccount('wrong-token-wrong-token');
    const form = screen.getByRole('form', { name: 'Connect a Cloudflare account' });
    expect(await within(form).findByText('Cloudflare refused this API token.')).toBeTruthy();
    expect(within(form).getByText(/Create a token with Stream Read permission/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Cloudflare refused this API token.');
    expect(screen.getByLabelText('API token').getAttribute('type')).toBe('password');

    await fillAccount('right-token-right-token');
    expect(await screen.findByRole('heading', { name: 'Library' })).toBeTruthy();
    expect(bridge.argsOf('account:connect')).toEqual([
      { accountId, apiToken: 'wrong-token-wrong-token' },
      { accountId, apiToken: 'right-token-right-token' },
    ]);
    expect(bridge.argsOf('catalogue:refresh')).toHaveLength(1);
    expect(window.location.hash).toBe('#/library');
  });

  it('checks the fields before asking main', async () => {
    const bridge = firstStartBridge();
    render(<App bridge={bridge} />);
    await screen.findByRole('heading', { name: 'Welcome to Offstream' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Account ID'), 'not-hex');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText(/An account id is 32 characters/)).toBeTruthy();
    expect(bridge.argsOf('account:connect')).toHaveLength(0);
  });

  it('starts the demo library', async () => {
    const bridge = firstStartBridge().answer(
      'account:demo',
      ok({ mode: 'demo', accountId: null, problem: null }),
    );
    render(<App bridge={bridge} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Try the demo library' }));
    expect(await screen.findByRole('heading', { name: 'Library' })).toBeTruthy();
    expect(bridge.argsOf('account:demo')).toHaveLength(1);
  });

  it('saves a pasted link and shows the downloads', async () => {
    const bridge = firstStartBridge()
      .answer(
        'download:link',
        ok(makeJob({ uid: 'b'.repeat(32), state: 'downloading', bytesTotal: 1000 })),
      )
      .answer('downloads:list', ok([]))
      .answer('library:storage', ok({ libraryBytes: 0, files: 0, freeBytes: 1e9 }));
    render(<App bridge={bridge} />);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText('Signed download link'),
      'https://customer.example.com/abc/downloads/default.mp4',
    );
    await user.click(screen.getByRole('button', { name: 'Save video' }));
    expect(await screen.findByRole('heading', { name: 'Downloads' })).toBeTruthy();
    expect(bridge.argsOf('download:link')).toEqual([
      { url: 'https://customer.example.com/abc/downloads/default.mp4' },
    ]);
  });

  it('skips onboarding when videos are already saved', async () => {
    const bridge = firstStartBridge().script(
      'catalogue:list',
      ok({ items: [makeCard(1, { offline: true })], nextCursor: null, remote: false }),
    );
    render(<App bridge={bridge} />);
    expect(await screen.findByRole('heading', { name: 'Library' })).toBeTruthy();
  });
});
