// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, makeSettings, ok } from './fake-bridge';
import { renderSettingsView } from './render';

function renderSettings(settings = makeSettings()) {
  const bridge = new FakeBridge().answer(
    'catalogue:list',
    ok({ items: [], nextCursor: null, remote: false }),
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
});
