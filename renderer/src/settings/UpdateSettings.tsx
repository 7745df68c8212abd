import { useEffect, useId, useState } from 'react';
import type { ArgsOf, OffstreamBridge, UpdateReport } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { ProblemNotice } from '../ui/ProblemNotice';

const blockedSentences: Record<NonNullable<UpdateReport['blockedBy']>, string> = {
  policy: 'Updates are turned off on this computer by its administrator.',
  kiosk: 'Updates wait while the kiosk is playing.',
  metered: 'Updates wait: this connection is metered.',
  automatic_off: 'Offstream checks for updates only when you ask.',
};

/** One sentence for where the update stands. */
export function updateSentence(status: UpdateReport): string {
  switch (status.phase) {
    case 'checking':
      return 'Checking for updates…';
    case 'available':
      return `Version ${status.version} is available and will download in the background.`;
    case 'downloading':
      return `Downloading version ${status.version}: ${Math.round(status.percent ?? 0)} %.`;
    case 'ready':
      return `Version ${status.version} is ready. It is installed when Offstream quits.`;
    case 'error':
      return status.error?.code === 'update_tampered'
        ? 'The downloaded update failed its integrity check and was thrown away.'
        : `The update failed: ${status.error?.message ?? 'unknown error'}.`;
    case 'idle':
      return status.checkedAt === undefined ? 'Not checked yet.' : 'Offstream is up to date.';
  }
}

/** Settings → Updates: the status, "Check now", "Restart to update" and the two preferences. */
export function UpdateSettings({ bridge }: { bridge: OffstreamBridge }) {
  const id = useId();
  const announce = useAnnounce();
  const { call, problem, clearProblem } = useCall(bridge);
  const [status, setStatus] = useState<UpdateReport>();

  useEffect(() => {
    let live = true;
    // Where updates cannot be read (an older main process), the section stays hidden.
    void bridge.invoke('updates:status', {}).then((outcome) => {
      if (live && outcome.ok) setStatus(outcome.value);
    });
    const stop = bridge.on('updates:status', setStatus);
    return () => {
      live = false;
      stop();
    };
  }, [bridge]);

  if (!status) return null;
  const act = async (channel: 'updates:check' | 'updates:restart') => {
    const next = await call(channel, {});
    if (next) setStatus(next);
  };
  const set = async (patch: ArgsOf<'updates:set'>, done: string) => {
    const next = await call('updates:set', patch);
    if (next) {
      setStatus(next);
      announce(done);
    }
  };
  const busy = status.phase === 'checking' || status.phase === 'downloading';

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Updates</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <p className="panel-lead">Offstream {status.currentVersion}</p>
      {!status.supported ? (
        <p className="field-help">This copy of Offstream does not update itself.</p>
      ) : (
        <>
          <p aria-live="polite">{updateSentence(status)}</p>
          {status.blockedBy && <p className="field-help">{blockedSentences[status.blockedBy]}</p>}
          <div className="field">
            <button
              type="button"
              className="button"
              disabled={
                busy || (status.blockedBy !== undefined && status.blockedBy !== 'automatic_off')
              }
              onClick={() => void act('updates:check')}
            >
              Check now
            </button>
            {status.phase === 'ready' && (
              <button
                type="button"
                className="button-primary"
                onClick={() => void act('updates:restart')}
              >
                Restart to update
              </button>
            )}
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={status.checkAutomatically}
              disabled={!status.updatesAllowed}
              onChange={(e) =>
                void set(
                  { checkAutomatically: e.target.checked },
                  e.target.checked
                    ? 'Checking for updates automatically.'
                    : 'Automatic checks off.',
                )
              }
            />
            Check for updates automatically
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={status.connectionMetered}
              aria-describedby={`${id}-metered`}
              onChange={(e) =>
                void set(
                  { connectionMetered: e.target.checked },
                  e.target.checked ? 'Connection marked as metered.' : 'Connection not metered.',
                )
              }
            />
            This connection is metered
          </label>
          <p id={`${id}-metered`} className="field-help">
            Offstream then neither checks for nor downloads updates, not even when asked.
          </p>
        </>
      )}
    </section>
  );
}
