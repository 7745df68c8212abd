import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Settings } from '../../../main/contract/index';
import { DownloadWindowSettings } from './DownloadWindowSettings';
import type { SettingsSectionProps } from './section-props';

const megabyte = 1_000_000;

function capText(bytesPerSecond: number): string {
  return bytesPerSecond === 0 ? '0' : String(Math.round((bytesPerSecond / megabyte) * 10) / 10);
}

/** How many downloads run at once and how much of the line they may take together. */
export function DownloadSettings(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  const [cap, setCap] = useState(capText(settings.bandwidthCap));
  const [capError, setCapError] = useState<string | null>(null);
  useEffect(() => setCap(capText(settings.bandwidthCap)), [settings.bandwidthCap]);

  const saveCap = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(cap.replace(',', '.'));
    if (!Number.isFinite(value) || value < 0 || value > 10_000) {
      setCapError('Enter a number of MB/s, or 0 for no limit.');
      return;
    }
    setCapError(null);
    await save({ bandwidthCap: Math.round(value * megabyte) }, capSentence(value));
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Downloads</h2>
      <div className="field">
        <label htmlFor={`${id}-concurrency`}>Downloads at the same time</label>
        <select
          id={`${id}-concurrency`}
          value={settings.concurrency}
          onChange={(e) =>
            void save(
              { concurrency: Number(e.target.value) as Settings['concurrency'] },
              `Up to ${e.target.value} downloads at the same time.`,
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
        <label htmlFor={`${id}-connections`}>Connections per download</label>
        <select
          id={`${id}-connections`}
          value={settings.connectionsPerDownload}
          aria-describedby={`${id}-connections-help`}
          onChange={(e) =>
            void save(
              { connectionsPerDownload: Number(e.target.value) },
              `Up to ${e.target.value} connections per download.`,
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
          Large files are fetched in parts over several connections, which is faster on links that
          slow down each connection (hotels, airports, mobile).
        </p>
      </div>
      <form className="field" onSubmit={saveCap} noValidate>
        <label htmlFor={`${id}-cap`}>Bandwidth limit (MB/s, 0 = no limit)</label>
        <div className="input-row">
          <input
            id={`${id}-cap`}
            inputMode="decimal"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            aria-invalid={capError ? true : undefined}
            aria-describedby={`${id}-cap-help`}
          />
          <button type="submit" className="button">
            Apply limit
          </button>
        </div>
        <p id={`${id}-cap-help`} className={capError ? 'field-error' : 'field-help'}>
          {capError ??
            (settings.bandwidthCap === 0
              ? 'Downloads use all the bandwidth they can get.'
              : `All downloads together stay under ${capText(settings.bandwidthCap)} MB/s.`)}
        </p>
      </form>
      <DownloadWindowSettings {...props} />
    </section>
  );
}

function capSentence(value: number): string {
  return value === 0 ? 'Bandwidth limit removed.' : `Bandwidth limited to ${value} MB/s.`;
}
