import { cleanup, render } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterEach } from 'vitest';
import type { AccountStatus, Settings } from '../../main/contract/index';
import { AppProviders } from '../../renderer/src/app/providers';
import { I18nProvider } from '../../renderer/src/i18n/I18nProvider';
import { SettingsView } from '../../renderer/src/settings/SettingsView';
import type { FakeBridge } from './fake-bridge';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

/** For views that need only the language (the player, the kiosk): English, as jsdom's browser. */
export const withLanguage = { wrapper: I18nProvider };

/** Renders a view under the providers the app puts above every view. */
export function renderWithApp(bridge: FakeBridge, view: ReactNode) {
  const result = render(<AppProviders bridge={bridge}>{view}</AppProviders>);
  const rerenderView = (next: ReactNode) =>
    result.rerender(<AppProviders bridge={bridge}>{next}</AppProviders>);
  return { ...result, rerenderView };
}

const noAccount: AccountStatus = { mode: 'none', accountId: null, problem: null };

/** Renders SettingsView under the app's providers, with no account unless one is given. */
export function renderSettingsView(
  bridge: FakeBridge,
  settings: Settings,
  account: AccountStatus = noAccount,
) {
  return renderWithApp(
    bridge,
    <SettingsView
      bridge={bridge}
      settings={settings}
      onSettings={() => {}}
      account={account}
      onAccount={() => {}}
    />,
  );
}

/** SettingsView holding the Settings each save answers, as the app does. */
function FollowingSettingsView(props: { bridge: FakeBridge; initial: Settings }) {
  const [settings, setSettings] = useState(props.initial);
  return (
    <SettingsView
      bridge={props.bridge}
      settings={settings}
      onSettings={setSettings}
      account={noAccount}
      onAccount={() => {}}
    />
  );
}

/** Renders SettingsView that takes on what each settings:set answers (its sections see it). */
export function renderFollowingSettingsView(bridge: FakeBridge, settings: Settings) {
  return renderWithApp(bridge, <FollowingSettingsView bridge={bridge} initial={settings} />);
}

/** jsdom lays nothing out; give every element a viewport-like box so the grid has room. */
export function giveElementsSize(width: number, height: number): void {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => width,
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => height,
  });
}
