import { useId } from 'react';
import { KioskPin } from './KioskPin';
import { KioskPlaylist } from './KioskPlaylist';
import { KioskStart } from './KioskStart';
import type { SettingsSectionProps } from './section-props';

export function KioskSettings(props: SettingsSectionProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Kiosk</h2>
      <p className="panel-lead">
        Kiosk mode plays the playlist full screen, on a loop, with no way out but the PIN.
      </p>
      <KioskPin {...props} />
      <KioskPlaylist {...props} />
      <KioskStart {...props} />
      <a className="button" href="#/kiosk">
        Start kiosk mode
      </a>
    </section>
  );
}
