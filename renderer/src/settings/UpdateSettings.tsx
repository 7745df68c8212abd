import { useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ArgsOf, OffstreamBridge, UpdateReport } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import type { MessageId } from '../i18n/catalogues';
import { type Translate, useT } from '../i18n/use-t';
import { formatPercent } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';

const blockedSentences: Record<NonNullable<UpdateReport['blockedBy']>, MessageId> = {
  policy: 'updates.blockedPolicy',
  kiosk: 'updates.blockedKiosk',
  metered: 'updates.blockedMetered',
  automatic_off: 'updates.blockedManual',
};

/** One sentence for where the update stands. */
export function updateSentence(t: Translate, locale: string, status: UpdateReport): string {
  const version = status.version ?? '';
  switch (status.phase) {
    case 'checking':
      return t('updates.checking');
    case 'available':
      return t('updates.available', { version });
    case 'downloading':
      return t('updates.downloading', {
        version,
        percent: formatPercent(status.percent ?? 0, locale),
      });
    case 'ready':
      return t('updates.ready', { version });
    case 'error':
      return status.error?.code === 'update_tampered'
        ? t('updates.tampered')
        : t('updates.failed', { reason: status.error?.message ?? '' });
    case 'idle':
      return status.checkedAt === undefined ? t('updates.notChecked') : t('updates.upToDate');
  }
}

/** Settings → Updates: the status, "Check now", "Restart to update" and the two preferences. */
export function UpdateSettings({ bridge }: { bridge: OffstreamBridge }) {
  const id = useId();
  const announce = useAnnounce();
  const t = useT();
  const { locale } = useIntl();
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
      <h2 id={`${id}-title`}>{t('updates.title')}</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <p className="panel-lead">{t('updates.current', { version: status.currentVersion })}</p>
      {!status.supported ? (
        <p className="field-help">{t('updates.unsupported')}</p>
      ) : (
        <>
          <p aria-live="polite">{updateSentence(t, locale, status)}</p>
          {status.organisationHost && (
            <p className="field-help">
              {t('updates.organisationServer', { host: status.organisationHost })}
            </p>
          )}
          {status.blockedBy && (
            <p className="field-help">{t(blockedSentences[status.blockedBy])}</p>
          )}
          <div className="field">
            <button
              type="button"
              className="button"
              disabled={
                busy || (status.blockedBy !== undefined && status.blockedBy !== 'automatic_off')
              }
              onClick={() => void act('updates:check')}
            >
              {t('updates.check')}
            </button>
            {status.phase === 'ready' && (
              <button
                type="button"
                className="button-primary"
                onClick={() => void act('updates:restart')}
              >
                {t('updates.restart')}
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
                  e.target.checked ? t('updates.automaticOn') : t('updates.automaticOff'),
                )
              }
            />
            {t('updates.automatic')}
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={status.connectionMetered}
              aria-describedby={`${id}-metered`}
              onChange={(e) =>
                void set(
                  { connectionMetered: e.target.checked },
                  e.target.checked ? t('updates.meteredOn') : t('updates.meteredOff'),
                )
              }
            />
            {t('updates.metered')}
          </label>
          <p id={`${id}-metered`} className="field-help">
            {t('updates.meteredHelp')}
          </p>
        </>
      )}
    </section>
  );
}
