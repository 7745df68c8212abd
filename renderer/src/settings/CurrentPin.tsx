import { useId } from 'react';

/**
 * The PIN set now, which main asks for before the PIN is changed or cleared or the app stops
 * starting in kiosk mode: whoever reached these settings must still prove they know it.
 */
export function CurrentPin(props: { value: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-current`}>Current PIN</label>
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
        Needed to change or clear the PIN, or to stop starting in kiosk mode.
      </p>
    </div>
  );
}
