import { useState } from 'react';
import type { AccountStatus, JobView, OffstreamBridge } from '../../../main/contract/index';
import { useCall } from '../app/use-call';
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

  const startDemo = async () => {
    setStartingDemo(true);
    const status = await call('account:demo', {});
    setStartingDemo(false);
    if (status) props.onConnected(status);
  };

  return (
    <div className="onboarding">
      <header className="onboarding-intro">
        <h1>Welcome to Offstream</h1>
        <p>
          Save videos from Cloudflare Stream to this device and watch them without a connection.
        </p>
      </header>
      <div className="onboarding-options">
        <section className="panel" aria-labelledby="onboarding-account">
          <h2 id="onboarding-account">Connect your Cloudflare account</h2>
          <p className="panel-lead">See every video in your account and choose what to keep.</p>
          <ConnectAccountForm bridge={props.bridge} onConnected={props.onConnected} />
        </section>
        <section className="panel" aria-labelledby="onboarding-link">
          <h2 id="onboarding-link">Save a single video from a link</h2>
          <p className="panel-lead">Someone sent you a signed download link? Paste it here.</p>
          <SaveLinkForm bridge={props.bridge} onSaved={props.onLinkSaved} />
        </section>
        <section className="panel" aria-labelledby="onboarding-demo">
          <h2 id="onboarding-demo">Just looking?</h2>
          <p className="panel-lead">
            A built-in sample library shows how everything works, with nothing to sign up for.
          </p>
          <ProblemNotice problem={problem} onDismiss={clearProblem} />
          <button type="button" className="button" onClick={startDemo} disabled={startingDemo}>
            {startingDemo ? 'Starting the demo…' : 'Try the demo library'}
          </button>
        </section>
      </div>
    </div>
  );
}
