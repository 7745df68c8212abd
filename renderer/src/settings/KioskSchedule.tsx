import { type FormEvent, useId, useState } from 'react';
import type { KioskSchedule as Schedule } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { type Translate, useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';
import { isManaged, ManagedNote } from './Managed';
import type { SettingsSectionProps } from './section-props';
import { newWindow, TimeWindowsEditor, useWindowsDraft, windowsProblem } from './TimeWindowsEditor';
import { useSavedVideos } from './use-saved-videos';
import { type KioskWindow, WindowPlaylist } from './WindowPlaylist';

type OutsideShow = Schedule['outside']['show'];

/** What is wrong with the schedule drafted, in a sentence, or null when it can be saved. */
function scheduleProblem(
  t: Translate,
  windows: readonly KioskWindow[],
  show: OutsideShow,
  still: string,
): string | null {
  return (
    windowsProblem(t, windows) ??
    (windows.some((w) => w.playlist?.length === 0) ? t('schedule.ownListEmpty') : null) ??
    (show === 'still' && !still ? t('schedule.chooseVideo') : null)
  );
}

/**
 * When the kiosk plays: always, or only within time windows (this computer's time), each with
 * the kiosk playlist or its own list; outside them the screen is black, shows a still of a
 * saved video, or counts down to the next window.
 */
export function KioskSchedule(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  const stored = props.settings.kioskSchedule;
  const { on, setOn, windows, setWindows } = useWindowsDraft<KioskWindow>(stored, () => [
    newWindow(),
  ]);
  const { saved, problem, clearProblem } = useSavedVideos(props.bridge, on);
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
    const wrong = scheduleProblem(t, windows, show, still);
    setError(wrong);
    if (wrong) return;
    const outside: Schedule['outside'] =
      show === 'still' ? { show, uid: still } : show === 'countdown' ? { show } : { show: 'black' };
    await props.save({ kioskSchedule: { windows, outside } }, t('schedule.saved'));
  };

  return (
    <form className="field kiosk-schedule" onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>{t('schedule.title')}</h3>
      <ManagedNote settings={props.settings} name="kioskSchedule" />
      {/* A schedule IT's policy locks is shown as set and cannot be changed here. */}
      <fieldset className="plain" disabled={isManaged(props.settings, 'kioskSchedule')}>
        <label className="choice">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
          {t('schedule.on')}
        </label>
        {on && (
          <>
            <ProblemNotice problem={problem} onDismiss={clearProblem} />
            <TimeWindowsEditor
              label="schedule.window"
              windows={windows}
              onChange={setWindows}
              blank={newWindow}
              details={(window, change, name) => (
                <WindowPlaylist window={window} name={name} saved={saved} onChange={change} />
              )}
            />
            <OutsideChoice
              show={show}
              onShow={setShow}
              still={still}
              onStill={setStill}
              playlist={props.settings.kioskPlaylist}
            />
          </>
        )}
        <p id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
          {error ?? t('schedule.help')}
        </p>
        <button type="submit" className="button" aria-describedby={`${id}-help`}>
          {t('schedule.save')}
        </button>
      </fieldset>
    </form>
  );
}

interface OutsideProps {
  show: OutsideShow;
  onShow(show: OutsideShow): void;
  still: string;
  onStill(uid: string): void;
  /** The kiosk playlist, whose videos the still may be taken from. */
  playlist: readonly string[];
}

/** What stands on screen outside every window: black, a still, or a countdown. */
function OutsideChoice({ show, onShow, still, onStill, playlist }: OutsideProps) {
  const id = useId();
  const names = useNames();
  const t = useT();
  return (
    <>
      <label htmlFor={`${id}-outside`}>{t('schedule.outside')}</label>
      <select
        id={`${id}-outside`}
        value={show}
        onChange={(e) => onShow(e.target.value as OutsideShow)}
      >
        <option value="black">{t('schedule.black')}</option>
        <option value="still">{t('schedule.still')}</option>
        <option value="countdown">{t('schedule.countdown')}</option>
      </select>
      {show === 'still' && (
        <>
          <label htmlFor={`${id}-still`}>{t('schedule.video')}</label>
          <select id={`${id}-still`} value={still} onChange={(e) => onStill(e.target.value)}>
            <option value="">{t('schedule.chooseFromPlaylist')}</option>
            {playlist.map((uid) => (
              <option key={uid} value={uid} translate="no">
                {names.nameOf(uid, t)}
              </option>
            ))}
          </select>
        </>
      )}
    </>
  );
}
