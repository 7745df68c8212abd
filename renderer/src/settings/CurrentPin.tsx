import { useId } from 'react';
import { useT } from '../i18n/use-t';

/**
 * The PIN set now, which main asks for before the PIN is changed or cleared or the app stops
 * starting in kiosk mode: whoever reached these settings must still prove they know it.
 */
export function CurrentPin(props: { value: string; onChange(value: string): void }) {
  const id = useId();
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={`${id}-current`}>{t('pin.current')}</label>
      <input
        id={`${id}-current`}
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        maxLength={8}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\D/g, ''))}
        aria-describedby={`${id}-current-help`}
      />
      <p id={`${id}-current-help`} className="field-help">
        {t('pin.currentHelp')}
      </p>
    </div>
  );
}
