// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UpdateReport } from '../../main/contract/index';
import { UpdateSettings } from '../../renderer/src/settings/UpdateSettings';
import { FakeBridge, ok } from './fake-bridge';
import { renderWithApp } from './render';

function report(overrides: Partial<UpdateReport> = {}): UpdateReport {
  return {
    phase: 'idle',
    currentVersion: '1.0.0',
    supported: true,
    checkAutomatically: true,
    connectionMetered: false,
    updatesAllowed: true,
    ...overrides,
  };
}

describe('Settings → Updates', () => {
  it('shows a ready update and restarts to install it when asked', async () => {
    const ready = report({ phase: 'ready', version: '1.1.0' });
    const bridge = new FakeBridge()
      .answer('updates:status', ok(ready))
      .answer('updates:restart', ok(ready));
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    expect(await screen.findByText(/Version 1\.1\.0 is ready/)).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(bridge.argsOf('updates:restart')).toHaveLength(1);
  });

  it('follows the status main pushes, from checking to a refused download', async () => {
    const bridge = new FakeBridge().answer('updates:status', ok(report()));
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    expect(await screen.findByText('Not checked yet.')).toBeTruthy();
    act(() => bridge.emit('updates:status', report({ phase: 'checking' })));
    expect(screen.getByText('Checking for updates…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check now' })).toHaveProperty('disabled', true);
    const refused = report({
      phase: 'error',
      version: '1.1.0',
      error: { code: 'update_tampered', message: 'sha512 checksum mismatch' },
    });
    act(() => bridge.emit('updates:status', refused));
    expect(screen.getByText(/failed its integrity check/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull();
  });

  it('marks the connection metered and says why nothing happens', async () => {
    const bridge = new FakeBridge()
      .answer('updates:status', ok(report()))
      .answer('updates:set', (patch) =>
        ok(report({ ...patch, blockedBy: patch.connectionMetered ? 'metered' : undefined })),
      );
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    await userEvent.setup().click(await screen.findByLabelText('This connection is metered'));
    await waitFor(() =>
      expect(bridge.argsOf('updates:set')).toEqual([{ connectionMetered: true }]),
    );
    expect(await screen.findByText('Updates wait: this connection is metered.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check now' })).toHaveProperty('disabled', true);
  });

  it('says when the administrator turned updates off', async () => {
    const off = report({ updatesAllowed: false, blockedBy: 'policy' });
    const bridge = new FakeBridge().answer('updates:status', ok(off));
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    expect(
      await screen.findByText(/turned off on this computer by its administrator/),
    ).toBeTruthy();
    expect(screen.getByLabelText('Check for updates automatically')).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('says updates come from the organisation’s server, naming its host', async () => {
    const mirrored = report({ organisationHost: 'mirror.corp.example' });
    const bridge = new FakeBridge().answer('updates:status', ok(mirrored));
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    expect(
      await screen.findByText(
        'Updates come from your organisation’s server (mirror.corp.example).',
      ),
    ).toBeTruthy();
  });

  it('in the browser mode, says this copy does not update itself and offers nothing', async () => {
    const bridge = new FakeBridge().answer('updates:status', ok(report({ supported: false })));
    renderWithApp(bridge, <UpdateSettings bridge={bridge} />);
    expect(await screen.findByText('This copy of Offstream does not update itself.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check now' })).toBeNull();
  });
});
