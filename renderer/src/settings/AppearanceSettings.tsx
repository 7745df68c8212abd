import { useId } from 'react';
import type { Settings } from '../../../main/contract/index';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import { LanguageChoice } from './LanguageChoice';
import type { SettingsSectionProps } from './section-props';

const themes: { value: Settings['theme']; label: MessageId }[] = [
  { value: 'system', label: 'appearance.themeSystem' },
  { value: 'light', label: 'appearance.themeLight' },
  { value: 'dark', label: 'appearance.themeDark' },
];

export function AppearanceSettings(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('appearance.title')}</h2>
      <fieldset className="choices">
        <legend>{t('appearance.theme')}</legend>
        {themes.map((theme) => (
          <label key={theme.value} className="choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={theme.value}
              checked={props.settings.theme === theme.value}
              onChange={() =>
                void props.save(
                  { theme: theme.value },
                  t('appearance.themeSaved', { theme: t(theme.label) }),
                )
              }
            />
            {t(theme.label)}
          </label>
        ))}
      </fieldset>
      <LanguageChoice {...props} />
    </section>
  );
}
