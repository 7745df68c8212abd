import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { OffstreamBridge } from '../../../main/contract/index';
import { useLocalizeProblem } from '../i18n/problem-text';
import { useT } from '../i18n/use-t';
import type { usePinLockout } from './use-pin-lockout';

interface Props {
  bridge: OffstreamBridge;
  lockout: ReturnType<typeof usePinLockout>;
  onUnlocked(): void;
  onCancel(): void;
}

const MAX_PIN_LENGTH = 8;
/** A pad left open returns to the video on its own, so the screen is never left obscured. */
const CLOSE_IDLE_PAD_MS = 60_000;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PinPad({ bridge, lockout, onUnlocked, onCancel }: Props) {
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [checking, setChecking] = useState(false);
  const titleId = useId();
  const t = useT();
  const localize = useLocalizeProblem();
  const field = useRef<HTMLInputElement>(null);
  const locked = lockout.secondsLeft > 0;

  useEffect(() => {
    field.current?.focus();
  }, []);

  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const stillHere = useCallback(() => {
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(onCancel, CLOSE_IDLE_PAD_MS);
  }, [onCancel]);

  useEffect(() => {
    stillHere();
    return () => clearTimeout(idleTimer.current);
  }, [stillHere]);

  const type = (next: string) => {
    stillHere();
    setPin(next.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH));
    if (!locked) setMessage('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    stillHere();
    if (locked || checking || pin === '') return;
    setChecking(true);
    const outcome = await bridge.invoke('kiosk:unlock', { pin });
    setChecking(false);
    setPin('');
    if (outcome.ok && outcome.value.ok) {
      onUnlocked();
      return;
    }
    if (!outcome.ok) {
      setMessage(localize(outcome.error).message);
      return;
    }
    lockout.recordWrong();
    setMessage(t('pin.wrong'));
    field.current?.focus();
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };

  const status = locked ? t('pin.lockedOut', { seconds: lockout.secondsLeft }) : message;
  const disabled = locked || checking;
  return (
    <div className="kiosk-pin-backdrop">
      <form
        className="kiosk-pin"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
        onKeyDown={onKey}
      >
        <h2 id={titleId}>{t('pin.title')}</h2>
        <input
          ref={field}
          className="kiosk-pin-field"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          aria-label={t('pin.label')}
          value={pin}
          disabled={disabled}
          onChange={(event) => type(event.currentTarget.value)}
        />
        <p className="kiosk-pin-status" role="alert">
          {status}
        </p>
        <div className="kiosk-pin-keys">
          {DIGITS.map((digit) => (
            <button key={digit} type="button" disabled={disabled} onClick={() => type(pin + digit)}>
              {digit}
            </button>
          ))}
          <button
            type="button"
            aria-label={t('pin.delete')}
            disabled={disabled}
            onClick={() => type(pin.slice(0, -1))}
          >
            <span className="mirror-in-rtl" aria-hidden="true">
              ⌫
            </span>
          </button>
          <button type="button" disabled={disabled} onClick={() => type(`${pin}0`)}>
            0
          </button>
          <button type="submit" disabled={disabled || pin === ''}>
            {t('pin.unlock')}
          </button>
        </div>
        <button type="button" className="kiosk-pin-cancel" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </form>
    </div>
  );
}
