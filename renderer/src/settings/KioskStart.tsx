import { useId } from 'react';
import { type PinGuardedProps, withCurrentPin } from './section-props';

/** The desktop app reads this at launch, like `--kiosk`, so a change waits for the next start. */
export function KioskStart(props: PinGuardedProps) {
  const id = useId();
  const { settings, save } = props;
  const choose = async (on: boolean) => {
    // Only turning it off is guarded: starting in kiosk mode locks more, not less.
    const patch = on ? { kioskOnStart: true } : { kioskOnStart: false, ...withCurrentPin(props) };
    const done = on ? 'Offstream will start in kiosk mode.' : 'Offstream will start normally.';
    if ((await save(patch, done)) && !on) props.onPinUsed();
  };
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          checked={settings.kioskOnStart}
          aria-describedby={`${id}-help`}
          onChange={(e) => void choose(e.target.checked)}
        />
        Start in kiosk mode
      </label>
      <p id={`${id}-help`} className={settings.kioskPinSet ? 'field-help' : 'field-error'}>
        {settings.kioskPinSet
          ? 'Takes effect the next time Offstream starts; leaving kiosk mode needs the PIN.'
          : 'Takes effect the next time Offstream starts. No PIN is set: anyone can leave kiosk mode.'}
      </p>
    </div>
  );
}
