import { useId } from 'react';
import type { SettingsSectionProps } from './section-props';

/** Opens Offstream when the person logs in: for kiosks, and for travellers who want it. */
export function StartAtLogin({ settings, save }: SettingsSectionProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Startup</h2>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            aria-describedby={`${id}-help`}
            onChange={(e) =>
              void save(
                { startAtLogin: e.target.checked },
                e.target.checked
                  ? 'Offstream will open when you log in.'
                  : 'Offstream will no longer open when you log in.',
              )
            }
          />
          Open Offstream when I log in
        </label>
        <p id={`${id}-help`} className="field-help">
          The desktop app applies this to your computer. Set from a browser, it takes effect the
          next time the desktop app starts.
        </p>
      </div>
    </section>
  );
}
