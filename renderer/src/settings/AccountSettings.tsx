import { useId, useState } from 'react';
import type { AccountStatus, OffstreamBridge } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { ConnectAccountForm } from '../onboarding/ConnectAccountForm';
import { ProblemNotice } from '../ui/ProblemNotice';

function describe(account: AccountStatus): string {
  if (account.mode === 'demo') return 'Using the demo library (sample videos, no account).';
  if (account.mode === 'account')
    return `Connected to Cloudflare account ${account.accountId ?? ''}.`;
  return 'No account connected: only saved videos and shared links are available.';
}

export function AccountSettings(props: {
  bridge: OffstreamBridge;
  account: AccountStatus;
  onAccount(next: AccountStatus): void;
}) {
  const id = useId();
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);

  const change = async (channel: 'account:disconnect' | 'account:demo') => {
    setBusy(true);
    const next = await call(channel, {});
    setBusy(false);
    if (!next) return;
    props.onAccount(next);
    announce(describe(next));
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Account</h2>
      <p>{describe(props.account)}</p>
      <ProblemNotice problem={props.account.problem} />
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      {props.account.mode === 'none' ? (
        <>
          <ConnectAccountForm
            bridge={props.bridge}
            onConnected={(next) => {
              props.onAccount(next);
              announce(describe(next));
            }}
          />
          <button
            type="button"
            className="button"
            onClick={() => change('account:demo')}
            disabled={busy}
          >
            Try the demo library
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => change('account:disconnect')}
          disabled={busy}
        >
          Disconnect
        </button>
      )}
    </section>
  );
}
