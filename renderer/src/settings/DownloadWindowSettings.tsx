import { type FormEvent, useEffect, useId, useState } from 'react';
import type { DownloadWindow, TimeWindow } from '../../../main/contract/index';
import type { SettingsSectionProps } from './section-props';
import { newWindow, TimeWindowsEditor, windowsProblem } from './TimeWindowsEditor';

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
  const stored = props.settings.downloadWindow;
  const [on, setOn] = useState(stored !== null);
  const [windows, setWindows] = useState<TimeWindow[]>(stored?.windows ?? [nightly]);
  const [inside, setInside] = useState(mbText(stored?.capInside ?? 0));
  const [mode, setMode] = useState<DownloadWindow['outside']['mode']>(
    stored?.outside.mode ?? 'paused',
  );
  const [outsideCap, setOutsideCap] = useState(
    mbText(stored?.outside.mode === 'capped' ? stored.outside.cap : 0),
  );
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOn(stored !== null);
    if (stored) setWindows(stored.windows);
  }, [stored]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!on) {
      setError(null);
      await props.save({ downloadWindow: null }, 'Downloads run at any time.');
      return;
    }
    const capInside = bytesOf(inside);
    const cap = bytesOf(outsideCap);
    const problem =
      windowsProblem(windows) ??
      (capInside === undefined || (mode === 'capped' && cap === undefined)
        ? 'Enter each limit as a number of MB/s, or 0 for no limit.'
        : null);
    setError(problem);
    if (problem || capInside === undefined) return;
    const outside: DownloadWindow['outside'] =
      mode === 'capped' ? { mode, cap: cap ?? 0 } : { mode: 'paused' };
    await props.save({ downloadWindow: { windows, capInside, outside } }, 'Download times saved.');
  };

  return (
    <form className="field download-window" onSubmit={submit} noValidate>
      <h3>Download times</h3>
      <label className="choice">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Download only at set times
      </label>
      {on && (
        <>
          <TimeWindowsEditor label="Download window" windows={windows} onChange={setWindows} />
          <button
            type="button"
            className="button"
            onClick={() => setWindows([...windows, newWindow()])}
          >
            Add a window
          </button>
          <label htmlFor={`${id}-inside`}>Limit within these times (MB/s, 0 = no limit)</label>
          <input
            id={`${id}-inside`}
            inputMode="decimal"
            value={inside}
            onChange={(e) => setInside(e.target.value)}
          />
          <label htmlFor={`${id}-mode`}>Outside these times</label>
          <select
            id={`${id}-mode`}
            value={mode}
            onChange={(e) => setMode(e.target.value as DownloadWindow['outside']['mode'])}
          >
            <option value="paused">Downloads wait</option>
            <option value="capped">Downloads run with a limit</option>
          </select>
          {mode === 'capped' && (
            <>
              <label htmlFor={`${id}-outside-cap`}>Limit outside (MB/s, 0 = no limit)</label>
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
        {error ??
          'Times are this computer’s time. While set, these limits replace the bandwidth limit above; waiting downloads start by themselves when a window opens.'}
      </p>
      <button type="submit" className="button" aria-describedby={`${id}-help`}>
        Save download times
      </button>
    </form>
  );
}
