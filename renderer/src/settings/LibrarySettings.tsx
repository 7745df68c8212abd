import { useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { EventPayload, Settings } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ProgressBar } from '../ui/ProgressBar';
import { LibraryMaintenance } from './LibraryMaintenance';
import { isManaged, ManagedNote } from './Managed';
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
  const t = useT();
  const { locale } = useIntl();
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
    announce(t('library.moved', { location: next.libraryLocation }));
  };

  const percent =
    progress && progress.bytesTotal > 0 ? (progress.bytesDone / progress.bytesTotal) * 100 : 0;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('view.library')}</h2>
      <div className="field">
        <span className="field-label">{t('library.folder')}</span>
        <div className="input-row">
          <code className="path" translate="no" dir="ltr">
            {props.settings.libraryLocation}
          </code>
          <button
            type="button"
            className="button"
            onClick={move}
            disabled={moving || isManaged(props.settings, 'libraryLocation')}
          >
            {moving ? t('library.moving') : t('library.move')}
          </button>
        </div>
        <ManagedNote settings={props.settings} name="libraryLocation" />
      </div>
      {moving ? (
        <div className="move-progress">
          <ProgressBar value={percent} label={t('library.movingLabel')} />
          <p className="field-help">
            {progress
              ? t('library.copied', {
                  done: formatBytes(progress.bytesDone, locale),
                  total: formatBytes(progress.bytesTotal, locale),
                })
              : t('library.chooseFolder')}
          </p>
        </div>
      ) : null}
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <LibraryMaintenance bridge={bridge} />
    </section>
  );
}
