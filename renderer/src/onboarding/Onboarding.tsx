import { useState } from 'react';
import type { AccountStatus, JobView, OffstreamBridge } from '../../../main/contract/index';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ConnectAccountForm } from './ConnectAccountForm';
import { SaveLinkForm } from './SaveLinkForm';

/** First start: nothing saved and no account. Three ways in, each checked before it counts. */
export function Onboarding(props: {
  bridge: OffstreamBridge;
  onConnected(status: AccountStatus): void;
  onLinkSaved(job: JobView): void;
}) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const [startingDemo, setStartingDemo] = useState(false);
  const t = useT();

  const startDemo = async () => {
    setStartingDemo(true);
    const status = await call('account:demo', {});
    setStartingDemo(false);
    if (status) props.onConnected(status);
  };

  return (
    <div className="onboarding">
      <header className="onboarding-intro">
        <h1>{t('onboarding.welcome')}</h1>
        <p>{t('onboarding.intro')}</p>
      </header>
      <div className="onboarding-options">
        <section className="panel" aria-labelledby="onboarding-account">
          <h2 id="onboarding-account">{t('onboarding.accountTitle')}</h2>
          <p className="panel-lead">{t('onboarding.accountLead')}</p>
          <ConnectAccountForm bridge={props.bridge} onConnected={props.onConnected} />
        </section>
        <section className="panel" aria-labelledby="onboarding-link">
          <h2 id="onboarding-link">{t('onboarding.linkTitle')}</h2>
          <p className="panel-lead">{t('onboarding.linkLead')}</p>
          <SaveLinkForm bridge={props.bridge} onSaved={props.onLinkSaved} />
        </section>
        <section className="panel" aria-labelledby="onboarding-demo">
          <h2 id="onboarding-demo">{t('onboarding.demoTitle')}</h2>
          <p className="panel-lead">{t('onboarding.demoLead')}</p>
          <ProblemNotice problem={problem} onDismiss={clearProblem} />
          <button type="button" className="button" onClick={startDemo} disabled={startingDemo}>
            {startingDemo ? t('onboarding.demoStarting') : t('onboarding.demoStart')}
          </button>
        </section>
      </div>
    </div>
  );
}
