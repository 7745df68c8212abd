import { type FormEvent, useId, useState } from 'react';
import type { DownloadWindow, TimeWindow } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { isManaged, ManagedNote } from './Managed';
import type { SettingsSectionProps } from './section-props';
import { newWindow, TimeWindowsEditor, useWindowsDraft, windowsProblem } from './TimeWindowsEditor';

const megabyte = 1_000_000;
/** The example the issue gives: every night between 01:00 and 05:00. */
const nightly: TimeWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  from: '01:00',
  to: '05:00',
};
const mbText = (bytes: number) => String(Math.round((bytes / megabyte) * 10) / 10);

/** Reads a MB/s field; undefined when it is not a number a cap can be. */
function bytesOf(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) && value >= 0 && value <= 10_000
    ? Math.round(value * megabyte)
    : undefined;
}

/** "Download only between 01:00 and 05:00", with a cap inside and paused or capped outside. */
export function DownloadWindowSettings(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  const stored = props.settings.downloadWindow;
  const { on, setOn, windows, setWindows } = useWindowsDraft(stored, () => [nightly]);
  const [inside, setInside] = useState(mbText(stored?.capInside ?? 0));
  const [mode, setMode] = useState<DownloadWindow['outside']['mode']>(
    stored?.outside.mode ?? 'paused',
  );
  const [outsideCap, setOutsideCap] = useState(
    mbText(stored?.outside.mode === 'capped' ? stored.outside.cap : 0),
  );
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!on) {
      setError(null);
      await props.save({ downloadWindow: null }, t('downloadWindow.offDone'));
      return;
    }
    const capInside = bytesOf(inside);
    const cap = bytesOf(outsideCap);
    const problem =
      windowsProblem(t, windows) ??
      (capInside === undefined || (mode === 'capped' && cap === undefined)
        ? t('downloadWindow.capInvalid')
        : null);
    setError(problem);
    if (problem || capInside === undefined) return;
    const outside: DownloadWindow['outside'] =
      mode === 'capped' ? { mode, cap: cap ?? 0 } : { mode: 'paused' };
    await props.save(
      { downloadWindow: { windows, capInside, outside } },
      t('downloadWindow.saved'),
    );
  };

  return (
    <form className="field download-window" onSubmit={submit} noValidate>
      <h3>{t('downloadWindow.title')}</h3>
      <ManagedNote settings={props.settings} name="downloadWindow" />
      {/* A window IT's policy sets cannot be changed here (main refuses it anyway). */}
      <fieldset className="plain" disabled={isManaged(props.settings, 'downloadWindow')}>
        <label className="choice">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
          {t('downloadWindow.on')}
        </label>
        {on && (
          <>
            <TimeWindowsEditor
              label="downloadWindow.window"
              windows={windows}
              onChange={setWindows}
              blank={newWindow}
            />
            <label htmlFor={`${id}-inside`}>{t('downloadWindow.capInside')}</label>
            <input
              id={`${id}-inside`}
              inputMode="decimal"
              value={inside}
              onChange={(e) => setInside(e.target.value)}
            />
            <label htmlFor={`${id}-mode`}>{t('downloadWindow.outside')}</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(e) => setMode(e.target.value as DownloadWindow['outside']['mode'])}
            >
              <option value="paused">{t('downloadWindow.paused')}</option>
              <option value="capped">{t('downloadWindow.capped')}</option>
            </select>
            {mode === 'capped' && (
              <>
                <label htmlFor={`${id}-outside-cap`}>{t('downloadWindow.capOutside')}</label>
                <input
                  id={`${id}-outside-cap`}
                  inputMode="decimal"
                  value={outsideCap}
                  onChange={(e) => setOutsideCap(e.target.value)}
                />
              </>
            )}
          </>
        )}
        <p id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
          {error ?? t('downloadWindow.help')}
        </p>
        <button type="submit" className="button" aria-describedby={`${id}-help`}>
          {t('downloadWindow.save')}
        </button>
      </fieldset>
    </form>
  );
}
