import { type FormEvent, useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import { type PinGuardedProps, withCurrentPin } from './section-props';

/** The PIN that leaves kiosk mode; stored hashed by main, so it is only ever set or cleared. */
export function KioskPin(props: PinGuardedProps) {
  const id = useId();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = useT();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setError(t('pin.invalid'));
      return;
    }
    setError(null);
    const saved = await props.save({ kioskPin: pin, ...withCurrentPin(props) }, t('pin.setDone'));
    if (!saved) return;
    setPin('');
    props.onPinUsed();
  };

  return (
    <form className="field" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-pin`}>
        {props.settings.kioskPinSet ? t('pin.change') : t('pin.kiosk')}
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
          {t('pin.set')}
        </button>
        {props.settings.kioskPinSet ? (
          <button
            type="button"
            className="button"
            onClick={async () => {
              const saved = await props.save(
                { kioskPin: null, ...withCurrentPin(props) },
                t('pin.clearedDone'),
              );
              if (saved) props.onPinUsed();
            }}
          >
            {t('pin.clear')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-pin-help`} className={error ? 'field-error' : 'field-help'}>
        {error ?? (props.settings.kioskPinSet ? t('pin.isSet') : t('pin.notSet'))}
      </p>
    </form>
  );
}
