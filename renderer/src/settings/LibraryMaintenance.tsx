import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import type { Translate } from '../i18n/use-t';
import { useT } from '../i18n/use-t';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ImportConflicts } from './ImportConflicts';

type Verify = ResultOf<'library:verify'>;
type Conflicts = ResultOf<'library:import'>['conflicts'];

function verifySentence(t: Translate, report: Verify): string {
  const bad = report.missing.length + report.corrupt.length;
  if (bad === 0) return t('verify.intact', { count: report.checked });
  return t('verify.damaged', {
    count: report.checked,
    missing: report.missing.length,
    damaged: report.corrupt.length,
  });
}

/** Verify every file's hash; copy the library to a folder (USB stick) or take one in. */
export function LibraryMaintenance(props: { bridge: OffstreamBridge }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const t = useT();
  const { locale } = useIntl();
  const [busy, setBusy] = useState<string | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [transfer, setTransfer] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Conflicts>([]);

  const runVerify = async () => {
    setBusy('verify');
    const report = await call('library:verify', {});
    setBusy(null);
    if (!report) return;
    setVerify(report);
    announce(verifySentence(t, report));
  };

  const runTransfer = async (channel: 'library:export' | 'library:import', replace = false) => {
    setBusy(channel);
    const report = await call(channel, replace ? { replace } : {});
    setBusy(null);
    if (!report) return;
    setConflicts('conflicts' in report ? report.conflicts : []);
    const values = { count: report.videos, size: formatBytes(report.bytes, locale) };
    const sentence =
      channel === 'library:export'
        ? t('transfer.exported', values)
        : t('transfer.imported', values);
    setTransfer(sentence);
    announce(sentence);
  };

  const damaged = verify
    ? [
        ...verify.missing.map((v) => ({ ...v, what: 'missing' as const })),
        ...verify.corrupt.map((v) => ({ ...v, what: 'damaged' as const })),
      ]
    : [];

  return (
    <div className="maintenance">
      <div className="button-row">
        <button type="button" className="button" onClick={runVerify} disabled={busy !== null}>
          {busy === 'verify' ? t('verify.running') : t('verify.start')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => runTransfer('library:export')}
          disabled={busy !== null}
        >
          {busy === 'library:export' ? t('transfer.exporting') : t('transfer.export')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => runTransfer('library:import')}
          disabled={busy !== null}
        >
          {busy === 'library:import' ? t('transfer.importing') : t('transfer.import')}
        </button>
      </div>
      <p className="field-help">{t('transfer.help')}</p>
      {verify ? (
        <div className={damaged.length ? 'notice notice-bad' : 'notice notice-ok'}>
          <div className="notice-text">
            <p className="notice-message">{verifySentence(t, verify)}</p>
            {damaged.length ? (
              <ul className="plain-list">
                {damaged.map((v) => (
                  <li key={`${v.uid}-${v.what}`}>
                    {t(v.what === 'missing' ? 'verify.fileMissing' : 'verify.fileDamaged', {
                      name: v.name,
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
            {damaged.length ? <p className="notice-action">{t('verify.action')}</p> : null}
          </div>
        </div>
      ) : null}
      {transfer ? (
        <div className="notice notice-ok">
          <p className="notice-message">{transfer}</p>
        </div>
      ) : null}
      <ImportConflicts
        conflicts={conflicts}
        busy={busy !== null}
        onReplace={() => runTransfer('library:import', true)}
        onKeep={() => setConflicts([])}
      />
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
    </div>
  );
}
