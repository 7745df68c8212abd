import { type FormEvent, useEffect, useId, useState } from 'react';
import type { SettingsSectionProps } from './section-props';

const gigabyte = 1_000_000_000;
const lowestFloor = 256 * 1024 * 1024;

const gbText = (bytes: number | null) =>
  bytes === null ? '' : String(+(bytes / gigabyte).toFixed(2));

/** The library's storage lines and the optional clean-up of watched videos. */
export function StorageSettings(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  const [limit, setLimit] = useState(gbText(settings.libraryLimitBytes));
  const [floor, setFloor] = useState(gbText(settings.freeSpaceFloorBytes));
  const [days, setDays] = useState(settings.watchedCleanupDays?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setLimit(gbText(settings.libraryLimitBytes)), [settings.libraryLimitBytes]);
  useEffect(() => setFloor(gbText(settings.freeSpaceFloorBytes)), [settings.freeSpaceFloorBytes]);
  useEffect(
    () => setDays(settings.watchedCleanupDays?.toString() ?? ''),
    [settings.watchedCleanupDays],
  );

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    const limitValue = limit.trim() === '' ? null : Number(limit.replace(',', '.'));
    const floorValue = Number(floor.replace(',', '.'));
    const daysValue = days.trim() === '' ? null : Number(days);
    if (limitValue !== null && !(Number.isFinite(limitValue) && limitValue > 0)) {
      return setError('Enter the size limit in GB, or leave it empty for no limit.');
    }
    if (!Number.isFinite(floorValue) || floorValue * gigabyte < lowestFloor) {
      return setError('Keep at least 0.27 GB (256 MiB) free.');
    }
    if (
      daysValue !== null &&
      !(Number.isInteger(daysValue) && daysValue >= 1 && daysValue <= 365)
    ) {
      return setError(
        'Enter a number of days from 1 to 365, or leave it empty to keep watched videos.',
      );
    }
    setError(null);
    await save(
      {
        libraryLimitBytes: limitValue === null ? null : Math.round(limitValue * gigabyte),
        freeSpaceFloorBytes: Math.round(floorValue * gigabyte),
        watchedCleanupDays: daysValue,
      },
      'Storage settings saved.',
    );
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Storage</h2>
      <form onSubmit={apply} noValidate>
        <div className="field">
          <label htmlFor={`${id}-limit`}>Library size limit (GB, empty = no limit)</label>
          <input
            id={`${id}-limit`}
            inputMode="decimal"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            aria-describedby={`${id}-limit-help`}
          />
          <p id={`${id}-limit-help`} className="field-help">
            A download that would take the library past this size waits until you make room.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-floor`}>Always keep free on the disk (GB)</label>
          <input
            id={`${id}-floor`}
            inputMode="decimal"
            value={floor}
            onChange={(e) => setFloor(e.target.value)}
            aria-describedby={`${id}-floor-help`}
          />
          <p id={`${id}-floor-help`} className="field-help">
            Downloads never fill the disk past this line, so the computer keeps room to work.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Remove watched videos after (days, empty = never)</label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={`${id}-days-help`}
          />
          <p id={`${id}-days-help`} className="field-help">
            A video watched to the end is removed from this device after this many days. Videos in a
            kiosk playlist are never removed.
          </p>
        </div>
        <p className={error ? 'field-error' : 'field-help'} role={error ? 'alert' : undefined}>
          {error ?? ''}
        </p>
        <button type="submit" className="button">
          Save storage settings
        </button>
      </form>
    </section>
  );
}
