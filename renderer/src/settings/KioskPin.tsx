import { type FormEvent, useId, useState } from 'react';
import { type PinGuardedProps, withCurrentPin } from './section-props';

/** The PIN that leaves kiosk mode; stored hashed by main, so it is only ever set or cleared. */
export function KioskPin(props: PinGuardedProps) {
  const id = useId();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setError('A PIN is 4 to 8 digits.');
      return;
    }
    setError(null);
    const saved = await props.save({ kioskPin: pin, ...withCurrentPin(props) }, 'Kiosk PIN set.');
    if (!saved) return;
    setPin('');
    props.onPinUsed();
  };

  return (
    <form className="field" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-pin`}>
        {props.settings.kioskPinSet ? 'Change the kiosk PIN' : 'Kiosk PIN'}
      </label>
      <div className="input-row">
        <input
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-pin-help`}
        />
        <button type="submit" className="button">
          Set PIN
        </button>
        {props.settings.kioskPinSet ? (
          <button
            type="button"
            className="button"
            onClick={async () => {
              const saved = await props.save(
                { kioskPin: null, ...withCurrentPin(props) },
                'Kiosk PIN cleared.',
              );
              if (saved) props.onPinUsed();
            }}
          >
            Clear PIN
          </button>
        ) : null}
      </div>
      <p id={`${id}-pin-help`} className={error ? 'field-error' : 'field-help'}>
        {error ??
          (props.settings.kioskPinSet
            ? 'A PIN is set: it is asked for to leave kiosk mode.'
            : 'No PIN: anyone can leave kiosk mode. Use 4 to 8 digits.')}
      </p>
    </form>
  );
}
