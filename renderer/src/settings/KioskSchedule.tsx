import { type FormEvent, useEffect, useId, useState } from 'react';
import type { KioskSchedule as Schedule } from '../../../main/contract/index';
import { useNames } from '../app/names';
import type { SettingsSectionProps } from './section-props';
import { newWindow, TimeWindowsEditor, windowsProblem } from './TimeWindowsEditor';

type OutsideShow = Schedule['outside']['show'];

/**
 * When the kiosk plays: always, or only within time windows (this computer's time); outside
 * them the screen is black, shows a still of a saved video, or counts down to the next window.
 */
export function KioskSchedule(props: SettingsSectionProps) {
  const id = useId();
  const names = useNames();
  const stored = props.settings.kioskSchedule;
  const [on, setOn] = useState(stored !== null);
  const [windows, setWindows] = useState<Schedule['windows']>(stored?.windows ?? [newWindow()]);
  const [show, setShow] = useState<OutsideShow>(stored?.outside.show ?? 'black');
  const [still, setStill] = useState(
    stored?.outside.show === 'still' ? stored.outside.uid : (props.settings.kioskPlaylist[0] ?? ''),
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
      await props.save({ kioskSchedule: null }, 'The kiosk plays at all times.');
      return;
    }
    const problem =
      windowsProblem(windows) ?? (show === 'still' && !still ? 'Choose the video to show.' : null);
    setError(problem);
    if (problem) return;
    const outside: Schedule['outside'] =
      show === 'still' ? { show, uid: still } : show === 'countdown' ? { show } : { show: 'black' };
    await props.save({ kioskSchedule: { windows, outside } }, 'Kiosk schedule saved.');
  };

  return (
    <form className="field kiosk-schedule" onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>Schedule</h3>
      <label className="choice">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Play only at scheduled times
      </label>
      {on && (
        <>
          <TimeWindowsEditor label="Kiosk window" windows={windows} onChange={setWindows} />
          <button
            type="button"
            className="button"
            onClick={() => setWindows([...windows, newWindow()])}
          >
            Add a window
          </button>
          <label htmlFor={`${id}-outside`}>Outside these times, show</label>
          <select
            id={`${id}-outside`}
            value={show}
            onChange={(e) => setShow(e.target.value as OutsideShow)}
          >
            <option value="black">A black screen</option>
            <option value="still">A still of a saved video</option>
            <option value="countdown">A countdown to the next window</option>
          </select>
          {show === 'still' && (
            <>
              <label htmlFor={`${id}-still`}>Video</label>
              <select id={`${id}-still`} value={still} onChange={(e) => setStill(e.target.value)}>
                <option value="">Choose a video of the playlist</option>
                {props.settings.kioskPlaylist.map((uid) => (
                  <option key={uid} value={uid}>
                    {names.nameOf(uid)}
                  </option>
                ))}
              </select>
            </>
          )}
        </>
      )}
      <p id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
        {error ??
          'Times are this computer’s time. An end before the start runs past midnight. On the night the clocks go forward, a time that does not exist (02:30) means the moment the clocks jump.'}
      </p>
      <button type="submit" className="button" aria-describedby={`${id}-help`}>
        Save schedule
      </button>
    </form>
  );
}
