// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LibraryMaintenance } from '../../renderer/src/settings/LibraryMaintenance';
import { FakeBridge, ok, uid } from './fake-bridge';
import { renderWithApp } from './render';

describe('an import that would replace saved videos', () => {
  it('names them and offers "Replace them", which imports again with replace', async () => {
    const bridge = new FakeBridge().script(
      'library:import',
      ok({ videos: 1, bytes: 1_000, conflicts: [{ uid: uid(2), name: 'Safety talk' }] }),
      ok({ videos: 1, bytes: 2_000, conflicts: [] }),
    );
    renderWithApp(bridge, <LibraryMaintenance bridge={bridge} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    expect(await screen.findByText(/1 video was left out/)).toBeTruthy();
    expect(screen.getByText('Safety talk')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace them' }));
    expect(await screen.findByText('Imported 1 video (2.0 kB).', { selector: 'p' })).toBeTruthy();
    expect(screen.queryByText('Safety talk')).toBeNull();
    const imports = bridge.calls.filter((c) => c.channel === 'library:import');
    expect(imports.map((c) => c.args)).toEqual([{}, { replace: true }]);
  });

  it('keeps the library as it is when told so', async () => {
    const bridge = new FakeBridge().answer(
      'library:import',
      ok({ videos: 0, bytes: 0, conflicts: [{ uid: uid(2), name: 'Safety talk' }] }),
    );
    renderWithApp(bridge, <LibraryMaintenance bridge={bridge} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    await user.click(await screen.findByRole('button', { name: 'Keep mine' }));
    expect(screen.queryByText('Safety talk')).toBeNull();
    expect(bridge.calls.filter((c) => c.channel === 'library:import')).toHaveLength(1);
  });
});
