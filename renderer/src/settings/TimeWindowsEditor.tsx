import { type ReactNode, useEffect, useId, useState } from 'react';
import type { TimeWindow, Weekday } from '../../../main/contract/index';
import type { MessageId } from '../i18n/catalogues';
import { type Translate, useT } from '../i18n/use-t';

const weekdays: { day: Weekday; label: MessageId }[] = [
  { day: 'mon', label: 'day.mon' },
  { day: 'tue', label: 'day.tue' },
  { day: 'wed', label: 'day.wed' },
  { day: 'thu', label: 'day.thu' },
  { day: 'fri', label: 'day.fri' },
  { day: 'sat', label: 'day.sat' },
  { day: 'sun', label: 'day.sun' },
];

export const newWindow = (): TimeWindow => ({
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
});

/** What is wrong with a list of windows, in a sentence, or null when it can be saved. */
export function windowsProblem(t: Translate, windows: readonly TimeWindow[]): string | null {
  if (windows.length === 0) return t('windows.none');
  if (windows.some((w) => w.days.length === 0)) return t('windows.noDay');
  if (windows.some((w) => !/^\d\d:\d\d$/.test(w.from) || !/^\d\d:\d\d$/.test(w.to))) {
    return t('windows.noTime');
  }
  return null;
}

interface Props<W extends TimeWindow> {
  /** Names each group for screen readers: "Kiosk window 1", "Download window 2". */
  label: MessageId;
  windows: W[];
  onChange(next: W[]): void;
  /** The window "Add a window" appends. */
  blank(): W;
  /** More controls for one window (a kiosk window's playlist), under its days and times. */
  details?(window: W, change: (next: W) => void, name: string): ReactNode;
}

/**
 * The draft of a form that turns a stored schedule on or off and edits its windows; it follows
 * the stored value when that changes (saved here, or by another shell).
 */
export function useWindowsDraft<W extends TimeWindow>(
  stored: { windows: W[] } | null,
  initial: () => W[],
) {
  const [on, setOn] = useState(stored !== null);
  const [windows, setWindows] = useState<W[]>(() => stored?.windows ?? initial());
  // Compared by value: saving any other setting brings a new copy of this one, equal to the
  // last, and that must not throw away the edits not saved yet.
  const storedText = JSON.stringify(stored);
  useEffect(() => {
    const value = JSON.parse(storedText) as { windows: W[] } | null;
    setOn(value !== null);
    if (value) setWindows(value.windows);
  }, [storedText]);
  return { on, setOn, windows, setWindows };
}

/**
 * Edits time windows: days of the week and from–to in this computer's time. An end at or
 * before the start runs past midnight into the next day.
 */
export function TimeWindowsEditor<W extends TimeWindow>({
  label,
  windows,
  onChange,
  blank,
  details,
}: Props<W>) {
  const id = useId();
  const t = useT();
  const change = (index: number, patch: Partial<TimeWindow>) =>
    onChange(windows.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  return (
    <>
      <div className="time-windows">
        {windows.map((window, index) => {
          const name = t(label, { number: index + 1 });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity but their place
            <fieldset key={index} className="choices time-window">
              <legend>{name}</legend>
              <div className="weekdays">
                {weekdays.map(({ day, label: dayLabel }) => (
                  <label key={day} className="choice">
                    <input
                      type="checkbox"
                      checked={window.days.includes(day)}
                      onChange={(e) =>
                        change(index, {
                          days: e.target.checked
                            ? weekdays
                                .map((w) => w.day)
                                .filter((d) => d === day || window.days.includes(d))
                            : window.days.filter((d) => d !== day),
                        })
                      }
                    />
                    {t(dayLabel)}
                  </label>
                ))}
              </div>
              <div className="input-row">
                <label htmlFor={`${id}-${index}-from`}>{t('windows.from')}</label>
                <input
                  id={`${id}-${index}-from`}
                  type="time"
                  value={window.from}
                  onChange={(e) => change(index, { from: e.target.value })}
                />
                <label htmlFor={`${id}-${index}-to`}>{t('windows.to')}</label>
                <input
                  id={`${id}-${index}-to`}
                  type="time"
                  value={window.to}
                  onChange={(e) => change(index, { to: e.target.value })}
                />
                <button
                  type="button"
                  className="button"
                  aria-label={t('windows.removeLabel', { name })}
                  onClick={() => onChange(windows.filter((_, i) => i !== index))}
                >
                  {t('playlist.remove')}
                </button>
              </div>
              {details?.(
                window,
                (next) => onChange(windows.map((w, i) => (i === index ? next : w))),
                name,
              )}
            </fieldset>
          );
        })}
      </div>
      <button type="button" className="button" onClick={() => onChange([...windows, blank()])}>
        {t('windows.add')}
      </button>
    </>
  );
}
