import { useId } from 'react';
import type { LocaleSetting } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import type { SettingsSectionProps } from './section-props';

/**
 * Each language named in itself (autonyms), as language pickers do, so a person who landed in
 * a language they cannot read still finds their own.
 */
const languages: { value: Exclude<LocaleSetting, 'system'>; name: string }[] = [
  { value: 'en', name: 'English' },
  { value: 'de', name: 'Deutsch' },
  { value: 'es', name: 'Español' },
  { value: 'ja', name: '日本語' },
  { value: 'ar', name: 'العربية' },
];

export function LanguageChoice(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  const choose = (value: LocaleSetting) => {
    const name = languages.find((language) => language.value === value)?.name;
    const done = name ? t('language.saved', { language: name }) : t('language.savedSystem');
    void props.save({ locale: value }, done);
  };
  return (
    <div className="field">
      <label htmlFor={`${id}-language`}>{t('language.label')}</label>
      <select
        id={`${id}-language`}
        value={props.settings.locale}
        onChange={(e) => choose(e.target.value as LocaleSetting)}
      >
        <option value="system">{t('language.system')}</option>
        {languages.map((language) => (
          <option key={language.value} value={language.value} lang={language.value} translate="no">
            {language.name}
          </option>
        ))}
      </select>
    </div>
  );
}
