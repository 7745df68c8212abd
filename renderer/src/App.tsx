import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountStatus, OffstreamBridge, Settings } from '../../main/contract/index';
import { Header } from './app/Header';
import { useJobFeed } from './app/job-feed';
import { isWorking } from './app/jobs';
import { AppProviders } from './app/providers';
import { type Route, useHashRoute } from './app/route';
import { useBoot } from './app/use-boot';
import { useTheme } from './app/use-theme';
import { CatalogueView } from './catalogue/CatalogueView';
import { DownloadsView } from './downloads/DownloadsView';
import type { MessageId } from './i18n/catalogues';
import { useChooseLocale } from './i18n/I18nProvider';
import { useT } from './i18n/use-t';
import { KioskView } from './kiosk/KioskView';
import { Onboarding } from './onboarding/Onboarding';
import { PlayerView } from './player/PlayerView';
import { SettingsView } from './settings/SettingsView';
import { ProblemNotice } from './ui/ProblemNotice';

const titles: Record<Route['view'], MessageId> = {
  library: 'view.library',
  downloads: 'view.downloads',
  settings: 'view.settings',
  play: 'view.play',
  kiosk: 'view.kiosk',
};

export function App(props: { bridge: OffstreamBridge }) {
  return (
    <AppProviders bridge={props.bridge}>
      <Shell bridge={props.bridge} />
    </AppProviders>
  );
}

function useOnline(bridge: OffstreamBridge): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => bridge.on('connectivity', (event) => setOnline(event.online)), [bridge]);
  return online;
}

function Shell(props: { bridge: OffstreamBridge }) {
  const { bridge } = props;
  const [route, navigate] = useHashRoute();
  const { boot, setBoot, problem, retry } = useBoot(bridge);
  const online = useOnline(bridge);
  const { live, report } = useJobFeed();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [playlist, setPlaylist] = useState<string[]>([]);
  const mainRef = useRef<HTMLElement>(null);
  const t = useT();
  useTheme(boot?.settings.theme);
  const chooseLocale = useChooseLocale();
  const localeSetting = boot?.settings.locale;
  const systemLanguages = boot?.info?.systemLanguages;
  useEffect(() => {
    if (localeSetting) chooseLocale(localeSetting, systemLanguages ?? []);
  }, [chooseLocale, localeSetting, systemLanguages]);

  const started = useRef(false);
  useEffect(() => {
    if (!boot || started.current) return;
    started.current = true;
    if (boot.account.mode !== 'none') setAutoRefresh(true);
    if (boot.info?.kiosk) navigate({ view: 'kiosk' });
  }, [boot, navigate]);

  useEffect(() => {
    document.title = t('document.title', { view: t(titles[route.view]) });
  }, [route.view, t]);

  const setAccount = useCallback(
    (account: AccountStatus) => {
      setBoot((b) => (b ? { ...b, account, firstStart: false } : b));
      if (account.mode !== 'none') setAutoRefresh(true);
    },
    [setBoot],
  );
  const setSettings = useCallback(
    (settings: Settings) => setBoot((b) => (b ? { ...b, settings } : b)),
    [setBoot],
  );
  const play = useCallback(
    (uid: string, list: string[]) => {
      setPlaylist(list);
      navigate({ view: 'play', uid });
    },
    [navigate],
  );
  const stopAutoRefresh = useCallback(() => setAutoRefresh(false), []);

  if (!boot) {
    return (
      <div className="splash">
        {problem ? (
          <div className="splash-problem">
            <ProblemNotice problem={problem} />
            <button type="button" className="button-primary" onClick={() => void retry()}>
              {t('common.tryAgain')}
            </button>
          </div>
        ) : (
          <p>{t('splash.opening')}</p>
        )}
      </div>
    );
  }

  if (route.view === 'play') {
    return (
      <PlayerView
        bridge={bridge}
        uid={route.uid}
        playlist={playlist.includes(route.uid) ? playlist : [route.uid]}
        onNavigate={(uid) => navigate({ view: 'play', uid })}
        onBack={() => navigate({ view: 'library' })}
      />
    );
  }
  if (route.view === 'kiosk') {
    return <KioskView bridge={bridge} onExit={() => navigate({ view: 'library' })} />;
  }

  if (boot.firstStart) {
    return (
      <main className="app-main onboarding-main">
        <Onboarding
          bridge={bridge}
          onConnected={(account) => {
            setAccount(account);
            navigate({ view: 'library' });
          }}
          onLinkSaved={(job) => {
            report(job);
            setBoot((b) => (b ? { ...b, firstStart: false } : b));
            navigate({ view: 'downloads' });
          }}
        />
      </main>
    );
  }

  const running = [...live.values()].filter(isWorking).length;
  return (
    <div className="app">
      <Header route={route} activeDownloads={running} onSkip={() => mainRef.current?.focus()} />
      <main ref={mainRef} className="app-main" tabIndex={-1} aria-label={t(titles[route.view])}>
        {route.view === 'library' ? (
          <CatalogueView
            bridge={bridge}
            account={boot.account}
            online={online}
            autoRefresh={autoRefresh}
            onAutoRefreshDone={stopAutoRefresh}
            onPlay={play}
          />
        ) : null}
        {route.view === 'downloads' ? <DownloadsView bridge={bridge} /> : null}
        {route.view === 'settings' ? (
          <SettingsView
            bridge={bridge}
            settings={boot.settings}
            onSettings={setSettings}
            account={boot.account}
            onAccount={setAccount}
          />
        ) : null}
      </main>
    </div>
  );
}
