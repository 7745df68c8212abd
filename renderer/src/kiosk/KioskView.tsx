import { useCallback, useState } from 'react';
import type { OffstreamBridge } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { KioskVideo } from './KioskVideo';
import { OutsideSchedule } from './OutsideSchedule';
import { PinPad } from './PinPad';
import { useExitGesture } from './use-exit-gesture';
import { useKioskLoop } from './use-kiosk-loop';
import { usePinLockout } from './use-pin-lockout';
import './kiosk.css';

export interface KioskViewProps {
  bridge: OffstreamBridge;
  onExit(): void;
}

/** Full-screen, chrome-free loop of the kiosk playlist; a PIN leads out. */
export function KioskView({ bridge, onExit }: KioskViewProps) {
  const loop = useKioskLoop(bridge);
  const lockout = usePinLockout();
  const [padOpen, setPadOpen] = useState(false);
  const [muted, setMuted] = useState(false);
  const t = useT();

  const askToLeave = async () => {
    if (loop.pinSet) {
      setPadOpen(true);
      return;
    }
    // No PIN configured: main unlocks an empty PIN; if it disagrees, ask for one after all.
    const outcome = await bridge.invoke('kiosk:unlock', { pin: '' });
    if (outcome.ok && outcome.value.ok) onExit();
    else setPadOpen(true);
  };
  const onCornerTap = useExitGesture(() => void askToLeave(), !padOpen);
  const closePad = useCallback(() => setPadOpen(false), []);

  return (
    <div className="kiosk">
      {loop.source && (
        <KioskVideo
          key={loop.turn}
          bridge={bridge}
          source={loop.source}
          muted={muted}
          onMutedFallback={() => setMuted(true)}
          onPlaying={loop.playing}
          onEnded={loop.ended}
          onFailed={loop.failed}
          onStalled={loop.stalled}
        />
      )}
      {loop.outside && <OutsideSchedule bridge={bridge} outside={loop.outside} />}
      {loop.nothing && (
        <div className="kiosk-empty" role="status">
          <p>{t('kiosk.nothing')}</p>
        </div>
      )}
      <div className="kiosk-corner" aria-hidden="true" onPointerDown={onCornerTap} />
      {padOpen && (
        <PinPad bridge={bridge} lockout={lockout} onUnlocked={onExit} onCancel={closePad} />
      )}
    </div>
  );
}
