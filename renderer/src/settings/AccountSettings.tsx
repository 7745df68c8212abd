import { useId, useState } from 'react';
import type { AccountStatus, OffstreamBridge } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import type { Translate } from '../i18n/use-t';
import { useT } from '../i18n/use-t';
import { ConnectAccountForm } from '../onboarding/ConnectAccountForm';
import { ProblemNotice } from '../ui/ProblemNotice';

function describe(t: Translate, account: AccountStatus): string {
  if (account.mode === 'demo') return t('account.demo');
  if (account.mode === 'account') return t('account.connected', { id: account.accountId ?? '' });
  return t('account.none');
}

export function AccountSettings(props: {
  bridge: OffstreamBridge;
  account: AccountStatus;
  onAccount(next: AccountStatus): void;
  /** IT's policy fixes the account: no demo, no disconnecting (main refuses them anyway). */
  managed?: boolean;
}) {
  const id = useId();
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const t = useT();

  const change = async (channel: 'account:disconnect' | 'account:demo') => {
    setBusy(true);
    const next = await call(channel, {});
    setBusy(false);
    if (!next) return;
    props.onAccount(next);
    announce(describe(t, next));
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.title')}</h2>
      <p>{describe(t, props.account)}</p>
      <ProblemNotice problem={props.account.problem} />
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      {props.managed ? <p className="field-help managed-note">Set by your organisation</p> : null}
      {props.account.mode === 'none' ? (
        <>
          <ConnectAccountForm
            bridge={props.bridge}
            onConnected={(next) => {
              props.onAccount(next);
              announce(describe(t, next));
            }}
          />
          <button
            type="button"
            className="button"
            onClick={() => change('account:demo')}
            disabled={busy || props.managed}
          >
            {t('onboarding.demoStart')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => change('account:disconnect')}
          disabled={busy || props.managed}
        >
          {t('account.disconnect')}
        </button>
      )}
    </section>
  );
}
