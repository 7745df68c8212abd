import { useId } from 'react';
import type { SettingsSectionProps } from './section-props';

/** The desktop app reads this at launch, like `--kiosk`, so a change waits for the next start. */
export function KioskStart(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          checked={settings.kioskOnStart}
          aria-describedby={`${id}-help`}
          onChange={(e) =>
            void save(
              { kioskOnStart: e.target.checked },
              e.target.checked
                ? 'Offstream will start in kiosk mode.'
                : 'Offstream will start normally.',
            )
          }
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
