import type { ArgsOf, OffstreamBridge, ResultOf, Settings } from '../../../main/contract/index';

export interface SettingsSectionProps {
  bridge: OffstreamBridge;
  settings: Settings;
  /** settings:set, then announce `done`; resolves to the new settings or undefined on failure. */
  save(patch: ArgsOf<'settings:set'>, done: string): Promise<ResultOf<'settings:set'> | undefined>;
}

/** For the settings the kiosk PIN protects: the current PIN typed so far, and its reset. */
export interface PinGuardedProps extends SettingsSectionProps {
  currentPin: string;
  onPinUsed(): void;
}

/** The current PIN for a patch, when one is set (main refuses the change without it). */
export function withCurrentPin(props: PinGuardedProps): { currentPin?: string } {
  return props.settings.kioskPinSet ? { currentPin: props.currentPin } : {};
}
