import { type FormEvent, useId, useState } from 'react';
import type { KioskSchedule as Schedule } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { useT } from '../i18n/use-t';
import type { SettingsSectionProps } from './section-props';
import { newWindow, TimeWindowsEditor, useWindowsDraft, windowsProblem } from './TimeWindowsEditor';

type OutsideShow = Schedule['outside']['show'];

/**
 * When the kiosk plays: always, or only within time windows (this computer's time); outside
 * them the screen is black, shows a still of a saved video, or counts down to the next window.
 */
export function KioskSchedule(props: SettingsSectionProps) {
  const id = useId();
  const names = useNames();
  const t = useT();
  const stored = props.settings.kioskSchedule;
  const { on, setOn, windows, setWindows } = useWindowsDraft<Schedule['windows'][number]>(
    stored,
    () => [newWindow()],
  );
  const [show, setShow] = useState<OutsideShow>(stored?.outside.show ?? 'black');
  const [still, setStill] = useState(
    stored?.outside.show === 'still' ? stored.outside.uid : (props.settings.kioskPlaylist[0] ?? ''),
  );
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!on) {
      setError(null);
      await props.save({ kioskSchedule: null }, t('schedule.offDone'));
      return;
    }
    const problem =
      windowsProblem(t, windows) ?? (show === 'still' && !still ? t('schedule.chooseVideo') : null);
    setError(problem);
    if (problem) return;
    const outside: Schedule['outside'] =
      show === 'still' ? { show, uid: still } : show === 'countdown' ? { show } : { show: 'black' };
    await props.save({ kioskSchedule: { windows, outside } }, t('schedule.saved'));
  };

  return (
    <form className="field kiosk-schedule" onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>{t('schedule.title')}</h3>
      <label className="choice">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        {t('schedule.on')}
      </label>
      {on && (
        <>
          <TimeWindowsEditor
            label="schedule.window"
            windows={windows}
            onChange={setWindows}
            blank={newWindow}
          />
          <label htmlFor={`${id}-outside`}>{t('schedule.outside')}</label>
          <select
            id={`${id}-outside`}
            value={show}
            onChange={(e) => setShow(e.target.value as OutsideShow)}
          >
            <option value="black">{t('schedule.black')}</option>
            <option value="still">{t('schedule.still')}</option>
            <option value="countdown">{t('schedule.countdown')}</option>
          </select>
          {show === 'still' && (
            <>
              <label htmlFor={`${id}-still`}>{t('schedule.video')}</label>
              <select id={`${id}-still`} value={still} onChange={(e) => setStill(e.target.value)}>
                <option value="">{t('schedule.chooseFromPlaylist')}</option>
                {props.settings.kioskPlaylist.map((uid) => (
                  <option key={uid} value={uid} translate="no">
                    {names.nameOf(uid, t)}
                  </option>
                ))}
              </select>
            </>
          )}
        </>
      )}
      <p id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
        {error ?? t('schedule.help')}
      </p>
      <button type="submit" className="button" aria-describedby={`${id}-help`}>
        {t('schedule.save')}
      </button>
    </form>
  );
}
