import { type FormEvent, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/use-t';
import type { SettingsSectionProps } from './section-props';

const gigabyte = 1_000_000_000;
const lowestFloor = 256 * 1024 * 1024;
const fewestDays = 1;
const mostDays = 365;

const gbText = (bytes: number | null) =>
  bytes === null ? '' : String(+(bytes / gigabyte).toFixed(2));

/** The library's storage lines and the optional clean-up of watched videos. */
export function StorageSettings(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  const { locale } = useIntl();
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
      return setError(t('storageLimits.badLimit'));
    }
    if (!Number.isFinite(floorValue) || floorValue * gigabyte < lowestFloor) {
      const size = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'gigabyte',
        unitDisplay: 'short',
        maximumFractionDigits: 2,
      }).format(Math.ceil((lowestFloor / gigabyte) * 100) / 100);
      return setError(t('storageLimits.badFloor', { size }));
    }
    if (
      daysValue !== null &&
      !(Number.isInteger(daysValue) && daysValue >= fewestDays && daysValue <= mostDays)
    ) {
      return setError(t('storageLimits.badDays', { min: fewestDays, max: mostDays }));
    }
    setError(null);
    await save(
      {
        libraryLimitBytes: limitValue === null ? null : Math.round(limitValue * gigabyte),
        freeSpaceFloorBytes: Math.round(floorValue * gigabyte),
        watchedCleanupDays: daysValue,
      },
      t('storageLimits.saved'),
    );
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('storageLimits.title')}</h2>
      <form onSubmit={apply} noValidate>
        <div className="field">
          <label htmlFor={`${id}-limit`}>{t('storageLimits.limit')}</label>
          <input
            id={`${id}-limit`}
            inputMode="decimal"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            aria-describedby={`${id}-limit-help`}
          />
          <p id={`${id}-limit-help`} className="field-help">
            {t('storageLimits.limitHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-floor`}>{t('storageLimits.floor')}</label>
          <input
            id={`${id}-floor`}
            inputMode="decimal"
            value={floor}
            onChange={(e) => setFloor(e.target.value)}
            aria-describedby={`${id}-floor-help`}
          />
          <p id={`${id}-floor-help`} className="field-help">
            {t('storageLimits.floorHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('storageLimits.days')}</label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={`${id}-days-help`}
          />
          <p id={`${id}-days-help`} className="field-help">
            {t('storageLimits.daysHelp')}
          </p>
        </div>
        <p className={error ? 'field-error' : 'field-help'} role={error ? 'alert' : undefined}>
          {error ?? ''}
        </p>
        <button type="submit" className="button">
          {t('storageLimits.submit')}
        </button>
      </form>
    </section>
  );
}
