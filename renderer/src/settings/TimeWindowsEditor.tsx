import { useId } from 'react';
import type { TimeWindow, Weekday } from '../../../main/contract/index';

const weekdays: { day: Weekday; label: string }[] = [
  { day: 'mon', label: 'Mon' },
  { day: 'tue', label: 'Tue' },
  { day: 'wed', label: 'Wed' },
  { day: 'thu', label: 'Thu' },
  { day: 'fri', label: 'Fri' },
  { day: 'sat', label: 'Sat' },
  { day: 'sun', label: 'Sun' },
];

export const newWindow = (): TimeWindow => ({
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
});

/** What is wrong with a list of windows, in a sentence, or null when it can be saved. */
export function windowsProblem(windows: readonly TimeWindow[]): string | null {
  if (windows.length === 0) return 'Add at least one time window.';
  if (windows.some((w) => w.days.length === 0)) return 'Every window needs at least one day.';
  if (windows.some((w) => !/^\d\d:\d\d$/.test(w.from) || !/^\d\d:\d\d$/.test(w.to))) {
    return 'Every window needs a start and an end time.';
  }
  return null;
}

interface Props<W extends TimeWindow> {
  /** Names the group for screen readers: "Kiosk window", "Download window". */
  label: string;
  windows: W[];
  onChange(next: W[]): void;
}

/**
 * Edits time windows: days of the week and from–to in this computer's time. An end at or
 * before the start runs past midnight into the next day.
 */
export function TimeWindowsEditor<W extends TimeWindow>({ label, windows, onChange }: Props<W>) {
  const id = useId();
  const change = (index: number, patch: Partial<TimeWindow>) =>
    onChange(windows.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  return (
    <div className="time-windows">
      {windows.map((window, index) => {
        const name = `${label} ${index + 1}`;
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
                  {dayLabel}
                </label>
              ))}
            </div>
            <div className="input-row">
              <label htmlFor={`${id}-${index}-from`}>From</label>
              <input
                id={`${id}-${index}-from`}
                type="time"
                value={window.from}
                onChange={(e) => change(index, { from: e.target.value })}
              />
              <label htmlFor={`${id}-${index}-to`}>to</label>
              <input
                id={`${id}-${index}-to`}
                type="time"
                value={window.to}
                onChange={(e) => change(index, { to: e.target.value })}
              />
              <button
                type="button"
                className="button"
                aria-label={`Remove ${name}`}
                onClick={() => onChange(windows.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
