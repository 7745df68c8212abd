import { useCallback } from 'react';
import type {
  AccountStatus,
  ArgsOf,
  OffstreamBridge,
  Settings,
} from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';
import { AccountSettings } from './AccountSettings';
import { AppearanceSettings } from './AppearanceSettings';
import { DownloadSettings } from './DownloadSettings';
import { KioskSettings } from './KioskSettings';
import { LibrarySettings } from './LibrarySettings';
import { isManaged, PolicyProblems } from './Managed';
import { NetworkSettings } from './NetworkSettings';
import { StartAtLogin } from './StartAtLogin';
import { StorageSettings } from './StorageSettings';
import { UpdateSettings } from './UpdateSettings';
import { UpstreamSettings } from './UpstreamSettings';

export interface SettingsViewProps {
  bridge: OffstreamBridge;
  settings: Settings;
  onSettings(next: Settings): void;
  account: AccountStatus;
  onAccount(next: AccountStatus): void;
}

export function SettingsView(props: SettingsViewProps) {
  const { bridge, onSettings } = props;
  const { call, problem, clearProblem } = useCall(bridge);
  const announce = useAnnounce();
  const t = useT();
  const save = useCallback(
    async (patch: ArgsOf<'settings:set'>, done: string) => {
      const next = await call('settings:set', patch);
      if (next) {
        onSettings(next);
        announce(done);
      }
      return next;
    },
    [call, onSettings, announce],
  );
  const section = { bridge, settings: props.settings, save };

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 id="settings-title">{t('view.settings')}</h1>
        </div>
      </div>
      <div className="view-body settings-grid">
        <ProblemNotice problem={problem} onDismiss={clearProblem} />
        <PolicyProblems settings={props.settings} />
        <LibrarySettings {...section} onSettings={onSettings} />
        <DownloadSettings {...section} />
        <StorageSettings {...section} />
        <UpstreamSettings {...section} />
        <NetworkSettings {...section} />
        <AppearanceSettings {...section} />
        <StartAtLogin {...section} />
        <KioskSettings {...section} />
        <AccountSettings
          bridge={bridge}
          account={props.account}
          onAccount={props.onAccount}
          managed={isManaged(props.settings, 'account')}
        />
        <UpdateSettings bridge={bridge} />
      </div>
    </section>
  );
}
