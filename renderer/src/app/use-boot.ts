import { useCallback, useEffect, useState } from 'react';
import type {
  AccountStatus,
  OffstreamBridge,
  Problem,
  ResultOf,
  Settings,
} from '../../../main/contract/index';

export interface Boot {
  account: AccountStatus;
  settings: Settings;
  info: ResultOf<'app:info'> | null;
  /** First start: no account and nothing saved yet. */
  firstStart: boolean;
}

/** What the shell needs before it can draw anything but a splash: account, settings, first start. */
export function useBoot(bridge: OffstreamBridge) {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    const [account, settings, info] = await Promise.all([
      bridge.invoke('account:status', {}),
      bridge.invoke('settings:get', {}),
      bridge.invoke('app:info', {}),
    ]);
    if (!account.ok) return setProblem(account.error);
    if (!settings.ok) return setProblem(settings.error);
    let firstStart = false;
    if (account.value.mode === 'none') {
      const saved = await bridge.invoke('catalogue:list', { filter: 'offline', limit: 1 });
      firstStart = saved.ok && saved.value.items.length === 0;
    }
    setBoot({
      account: account.value,
      settings: settings.value,
      info: info.ok ? info.value : null,
      firstStart,
    });
  }, [bridge]);

  useEffect(() => {
    void load();
  }, [load]);

  return { boot, setBoot, problem, retry: load };
}
