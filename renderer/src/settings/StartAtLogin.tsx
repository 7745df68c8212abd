import { useId } from 'react';
import { useT } from '../i18n/use-t';
import type { SettingsSectionProps } from './section-props';

/** Opens Offstream when the person logs in: for kiosks, and for travellers who want it. */
export function StartAtLogin({ settings, save }: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('startup.title')}</h2>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            aria-describedby={`${id}-help`}
            onChange={(e) =>
              void save(
                { startAtLogin: e.target.checked },
                e.target.checked ? t('startup.onDone') : t('startup.offDone'),
              )
            }
          />
          {t('startup.label')}
        </label>
        <p id={`${id}-help`} className="field-help">
          {t('startup.help')}
        </p>
      </div>
    </section>
  );
}
