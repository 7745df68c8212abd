import type { ArgsOf, OffstreamBridge, ResultOf, Settings } from '../../../main/contract/index';

export interface SettingsSectionProps {
  bridge: OffstreamBridge;
  settings: Settings;
  /** settings:set, then announce `done`; resolves to the new settings or undefined on failure. */
  save(patch: ArgsOf<'settings:set'>, done: string): Promise<ResultOf<'settings:set'> | undefined>;
}
