// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogueCard } from '../../main/contract/index';
import { FakeBridge, makeCard, makeSettings, ok, uid } from './fake-bridge';
import { renderSettingsView } from './render';

function renderSettings(settings = makeSettings(), items: CatalogueCard[] = []) {
  const bridge = new FakeBridge().answer(
    'catalogue:list',
    ok({ items, nextCursor: null, remote: false }),
  );
  renderSettingsView(bridge, settings);
}

describe('settings set by the organisation', () => {
  it('are shown "Set by your organisation" with their controls disabled', () => {
    renderSettings(
      makeSettings({
        bandwidthCap: 1_000_000,
        locked: ['account', 'bandwidthCap', 'kioskOnStart', 'libraryLocation', 'proxy'],
      }),
    );
    expect(screen.getAllByText('Set by your organisation')).toHaveLength(5);
    const demo = screen.getByRole('button', { name: 'Try the demo library' }) as HTMLButtonElement;
    expect(demo.disabled).toBe(true);
    const cap = screen.getByLabelText('Bandwidth limit (MB/s, 0 = no limit)') as HTMLInputElement;
    expect(cap.disabled).toBe(true);
    expect(cap.value).toBe('1');
    expect(
      (screen.getByRole('button', { name: 'Apply limit' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect((screen.getByLabelText('Start in kiosk mode') as HTMLInputElement).disabled).toBe(true);
    // Inside a disabled fieldset: disabled for the browser, though its own attribute is not set.
    expect(screen.getByLabelText('Proxy').matches(':disabled')).toBe(true);
    expect((screen.getByRole('button', { name: 'Move…' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    // What the policy leaves alone stays editable.
    expect(
      (screen.getByLabelText('Downloads at the same time') as HTMLSelectElement).disabled,
    ).toBe(false);
  });

  it('shows nothing of the kind on an unmanaged machine, and lists a bad policy’s problems', () => {
    renderSettings(
      makeSettings({ policyProblems: ['The policy field "bandwidthCap" was ignored.'] }),
    );
    expect(screen.queryByText('Set by your organisation')).toBeNull();
    expect((screen.getByLabelText('Start in kiosk mode') as HTMLInputElement).disabled).toBe(false);
    const problems = screen.getByRole('status', { name: 'Organisation policy problems' });
    expect(problems.textContent).toContain('"bandwidthCap" was ignored');
  });

  it('show the kiosk playlist the policy sets in its order, with nothing to change', async () => {
    const saved = [
      makeCard(1, { name: 'Lobby loop', offline: true }),
      makeCard(2, { name: 'Morning news', offline: true }),
    ];
    renderSettings(makeSettings({ kioskPlaylist: [uid(1)], locked: ['kioskPlaylist'] }), saved);
    const list = screen.getByRole('list', { name: 'Playlist (1)' });
    const picker = list.closest('.kiosk-playlist') as HTMLElement;
    expect(within(picker).getByText('Set by your organisation')).toBeTruthy();
    const remove = await within(list).findByRole('button', {
      name: 'Remove Lobby loop from the playlist',
    });
    expect(remove.matches(':disabled')).toBe(true);
    const add = await within(picker).findByRole('checkbox', { name: 'Morning news' });
    expect(add.matches(':disabled')).toBe(true);
    expect(within(picker).getByRole('searchbox').matches(':disabled')).toBe(true);
  });
});
