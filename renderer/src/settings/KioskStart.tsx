import { useId } from 'react';
import { useT } from '../i18n/use-t';
import { isManaged, ManagedNote } from './Managed';
import { type PinGuardedProps, withCurrentPin } from './section-props';

/** The desktop app reads this at launch, like `--kiosk`, so a change waits for the next start. */
export function KioskStart(props: PinGuardedProps) {
  const id = useId();
  const { settings, save } = props;
  const t = useT();
  const choose = async (on: boolean) => {
    // Only turning it off is guarded: starting in kiosk mode locks more, not less.
    const patch = on ? { kioskOnStart: true } : { kioskOnStart: false, ...withCurrentPin(props) };
    const done = on ? t('kiosk.startOnDone') : t('kiosk.startOffDone');
    if ((await save(patch, done)) && !on) props.onPinUsed();
  };
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          checked={settings.kioskOnStart}
          disabled={isManaged(settings, 'kioskOnStart')}
          aria-describedby={`${id}-help`}
          onChange={(e) => void choose(e.target.checked)}
        />
        {t('kiosk.startOn')}
      </label>
      <p id={`${id}-help`} className={settings.kioskPinSet ? 'field-help' : 'field-error'}>
        {settings.kioskPinSet ? t('kiosk.startOnHelp') : t('kiosk.startOnNoPin')}
      </p>
      <ManagedNote settings={settings} name="kioskOnStart" />
    </div>
  );
}
