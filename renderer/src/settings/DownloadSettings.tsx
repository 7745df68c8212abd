import { type FormEvent, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Settings } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { DownloadWindowSettings } from './DownloadWindowSettings';
import { isManaged, ManagedNote } from './Managed';
import type { SettingsSectionProps } from './section-props';

const megabyte = 1_000_000;

function capMegabytes(bytesPerSecond: number): number {
  return Math.round((bytesPerSecond / megabyte) * 10) / 10;
}

/** What the field holds: the locale's decimal mark, no grouping, so it reads back the same. */
function capText(bytesPerSecond: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 1 }).format(
    capMegabytes(bytesPerSecond),
  );
}

/** A number typed with either decimal mark (and the locale's own digits, e.g. Arabic-Indic). */
function parseCap(text: string): number {
  const latin = text
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[,\u066b]/, '.');
  return latin === '' ? Number.NaN : Number(latin);
}

/** How many downloads run at once and how much of the line they may take together. */
export function DownloadSettings(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  const t = useT();
  const { locale } = useIntl();
  const [cap, setCap] = useState(capText(settings.bandwidthCap, locale));
  const [capError, setCapError] = useState<string | null>(null);
  useEffect(() => setCap(capText(settings.bandwidthCap, locale)), [settings.bandwidthCap, locale]);

  const saveCap = async (event: FormEvent) => {
    event.preventDefault();
    const value = parseCap(cap);
    if (!Number.isFinite(value) || value < 0 || value > 10_000) {
      setCapError(t('downloadSettings.capInvalid'));
      return;
    }
    setCapError(null);
    const sentence =
      value === 0 ? t('downloadSettings.capRemoved') : t('downloadSettings.capSet', { value });
    await save({ bandwidthCap: Math.round(value * megabyte) }, sentence);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('view.downloads')}</h2>
      <div className="field">
        <label htmlFor={`${id}-concurrency`}>{t('downloadSettings.concurrency')}</label>
        <select
          id={`${id}-concurrency`}
          value={settings.concurrency}
          onChange={(e) =>
            void save(
              { concurrency: Number(e.target.value) as Settings['concurrency'] },
              t('downloadSettings.concurrencySaved', { count: Number(e.target.value) }),
            )
          }
        >
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-connections`}>{t('downloadSettings.connections')}</label>
        <select
          id={`${id}-connections`}
          value={settings.connectionsPerDownload}
          aria-describedby={`${id}-connections-help`}
          onChange={(e) =>
            void save(
              { connectionsPerDownload: Number(e.target.value) },
              t('downloadSettings.connectionsSaved', { count: Number(e.target.value) }),
            )
          }
        >
          {Array.from({ length: 16 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <p id={`${id}-connections-help`} className="field-help">
          {t('downloadSettings.connectionsHelp')}
        </p>
      </div>
      <form className="field" onSubmit={saveCap} noValidate>
        <label htmlFor={`${id}-cap`}>{t('downloadSettings.cap')}</label>
        <div className="input-row">
          <input
            id={`${id}-cap`}
            inputMode="decimal"
            value={cap}
            disabled={isManaged(settings, 'bandwidthCap')}
            onChange={(e) => setCap(e.target.value)}
            aria-invalid={capError ? true : undefined}
            aria-describedby={`${id}-cap-help`}
          />
          <button type="submit" className="button" disabled={isManaged(settings, 'bandwidthCap')}>
            {t('downloadSettings.capApply')}
          </button>
        </div>
        <p id={`${id}-cap-help`} className={capError ? 'field-error' : 'field-help'}>
          {capError ??
            (settings.bandwidthCap === 0
              ? t('downloadSettings.capNone')
              : t('downloadSettings.capHelp', { value: capMegabytes(settings.bandwidthCap) }))}
        </p>
        <ManagedNote settings={settings} name="bandwidthCap" />
      </form>
      <DownloadWindowSettings {...props} />
    </section>
  );
}
