import { useEffect, useId, useState } from 'react';
import type { EventPayload, Settings } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ProgressBar } from '../ui/ProgressBar';
import { LibraryMaintenance } from './LibraryMaintenance';
import type { SettingsSectionProps } from './section-props';

type MoveProgress = EventPayload<'library:move-progress'>;

/** Where the library lives, and moving it (main asks for the folder, then copies with progress). */
export function LibrarySettings(
  props: SettingsSectionProps & { onSettings(next: Settings): void },
) {
  const id = useId();
  const { bridge, onSettings } = props;
  const { call, problem, clearProblem } = useCall(bridge);
  const announce = useAnnounce();
  const [moving, setMoving] = useState(false);
  const [progress, setProgress] = useState<MoveProgress | null>(null);

  useEffect(() => bridge.on('library:move-progress', setProgress), [bridge]);

  const move = async () => {
    setMoving(true);
    setProgress(null);
    const next = await call('settings:move-library', {});
    setMoving(false);
    setProgress(null);
    if (!next) return;
    onSettings(next);
    announce(`The library is now in ${next.libraryLocation}.`);
  };

  const percent =
    progress && progress.bytesTotal > 0 ? (progress.bytesDone / progress.bytesTotal) * 100 : 0;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Library</h2>
      <div className="field">
        <span className="field-label">Library folder</span>
        <div className="input-row">
          <code className="path">{props.settings.libraryLocation}</code>
          <button type="button" className="button" onClick={move} disabled={moving}>
            {moving ? 'Moving…' : 'Move…'}
          </button>
        </div>
      </div>
      {moving ? (
        <div className="move-progress">
          <ProgressBar value={percent} label="Moving the library" />
          <p className="field-help">
            {progress
              ? `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)} copied`
              : 'Choose the new folder in the window that opened.'}
          </p>
        </div>
      ) : null}
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <LibraryMaintenance bridge={bridge} />
    </section>
  );
}
