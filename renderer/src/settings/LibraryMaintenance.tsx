import { useState } from 'react';
import type { OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ImportConflicts } from './ImportConflicts';

type Verify = ResultOf<'library:verify'>;
type Conflicts = ResultOf<'library:import'>['conflicts'];

function verifySentence(report: Verify): string {
  const bad = report.missing.length + report.corrupt.length;
  if (bad === 0) return `All ${report.checked} files checked are intact.`;
  return `Checked ${report.checked} files: ${report.missing.length} missing, ${report.corrupt.length} damaged.`;
}

/** Verify every file's hash; copy the library to a folder (USB stick) or take one in. */
export function LibraryMaintenance(props: { bridge: OffstreamBridge }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
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
    announce(verifySentence(report));
  };

  const runTransfer = async (channel: 'library:export' | 'library:import', replace = false) => {
    setBusy(channel);
    const report = await call(channel, replace ? { replace } : {});
    setBusy(null);
    if (!report) return;
    setConflicts('conflicts' in report ? report.conflicts : []);
    const verb = channel === 'library:export' ? 'Exported' : 'Imported';
    const sentence = `${verb} ${report.videos} ${report.videos === 1 ? 'video' : 'videos'} (${formatBytes(report.bytes)}).`;
    setTransfer(sentence);
    announce(sentence);
  };

  const damaged = verify
    ? [
        ...verify.missing.map((v) => ({ ...v, what: 'missing' })),
        ...verify.corrupt.map((v) => ({ ...v, what: 'damaged' })),
      ]
    : [];

  return (
    <div className="maintenance">
      <div className="button-row">
        <button type="button" className="button" onClick={runVerify} disabled={busy !== null}>
          {busy === 'verify' ? 'Verifying…' : 'Verify library'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => runTransfer('library:export')}
          disabled={busy !== null}
        >
          {busy === 'library:export' ? 'Exporting…' : 'Export…'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => runTransfer('library:import')}
          disabled={busy !== null}
        >
          {busy === 'library:import' ? 'Importing…' : 'Import…'}
        </button>
      </div>
      <p className="field-help">
        Export copies the library to a folder (a USB stick, say) with a hash of every file; import
        checks each hash before anything enters this library.
      </p>
      {verify ? (
        <div className={damaged.length ? 'notice notice-bad' : 'notice notice-ok'}>
          <div className="notice-text">
            <p className="notice-message">{verifySentence(verify)}</p>
            {damaged.length ? (
              <ul className="plain-list">
                {damaged.map((v) => (
                  <li key={`${v.uid}-${v.what}`}>
                    {v.name}: {v.what}
                  </li>
                ))}
              </ul>
            ) : null}
            {damaged.length ? (
              <p className="notice-action">Download the listed videos again.</p>
            ) : null}
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
