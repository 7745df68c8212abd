import { useId } from 'react';
import type { Settings } from '../../../main/contract/index';
import type { SettingsSectionProps } from './section-props';

const themes: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function AppearanceSettings(props: SettingsSectionProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Appearance</h2>
      <fieldset className="choices">
        <legend>Theme</legend>
        {themes.map((theme) => (
          <label key={theme.value} className="choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={theme.value}
              checked={props.settings.theme === theme.value}
              onChange={() => void props.save({ theme: theme.value }, `Theme: ${theme.label}.`)}
            />
            {theme.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
