import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import { CurrentPin } from './CurrentPin';
import { KioskPin } from './KioskPin';
import { KioskPlaylist } from './KioskPlaylist';
import { KioskSchedule } from './KioskSchedule';
import { KioskStart } from './KioskStart';
import type { SettingsSectionProps } from './section-props';

export function KioskSettings(props: SettingsSectionProps) {
  const id = useId();
  const t = useT();
  // Main asks for it before the PIN changes or kiosk start is turned off; kept until used.
  const [currentPin, setCurrentPin] = useState('');
  const guarded = { ...props, currentPin, onPinUsed: () => setCurrentPin('') };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('view.kiosk')}</h2>
      <p className="panel-lead">{t('kiosk.lead')}</p>
      {props.settings.kioskPinSet ? (
        <CurrentPin value={currentPin} onChange={setCurrentPin} />
      ) : null}
      <KioskPin {...guarded} />
      <KioskPlaylist {...props} />
      <KioskSchedule {...props} />
      <KioskStart {...guarded} />
      <a className="button" href="#/kiosk">
        {t('kiosk.start')}
      </a>
    </section>
  );
}
