import type { LibraryIndex } from '../../library/index';
import { fleetErrors } from './fleet-errors';
import { isLocked, type Policy, type PolicyField, policyFields } from './policy';

/**
 * Writes the locked values into the library's settings when it opens, so that everything that
 * reads a setting (the queue's cap, the proxy, the schedules) reads the policy's value.
 */
export function enforcePolicy(library: LibraryIndex, policy: Policy): void {
  const { bandwidthCap, proxy, downloadWindow, startAtLogin, kioskPlaylist, kioskSchedule } =
    policy.values;
  library.transaction(() => {
    if (bandwidthCap !== undefined) library.setSetting('bandwidthCap', bandwidthCap);
    if (downloadWindow !== undefined) library.setSetting('downloadWindow', downloadWindow);
    if (kioskPlaylist !== undefined) library.setSetting('kioskPlaylist', kioskPlaylist);
    if (kioskSchedule !== undefined) library.setSetting('kioskSchedule', kioskSchedule);
    if (startAtLogin !== undefined) library.setSetting('startAtLogin', startAtLogin);
    if (proxy !== undefined) {
      const { passwordSaved } = library.getSetting('proxy');
      library.setSetting('proxy', { ...proxy, passwordSaved });
    }
  });
}

/**
 * The settings a person cannot change here, by the names Settings shows: the library folder is
 * `libraryLocation`, the account (its id, or whether it may change at all) is `account`.
 */
export function lockedSettings(policy: Policy): string[] {
  const names = new Set<string>();
  for (const field of Object.keys(policy.values) as PolicyField[]) {
    if (field === 'libraryFolder') names.add('libraryLocation');
    else if (field === 'accountId') names.add('account');
    else if (field === 'allowAccountChange') {
      if (policy.values.allowAccountChange === false) names.add('account');
    } else names.add(field);
  }
  return [...names].sort();
}

/**
 * Refuses, before anything is written, a change to a setting the policy locks. Patch keys are
 * the settings' own names, so a setting the contract gains later is covered once it is a field.
 */
export function refuseLocked(patch: object, policy: Policy): void {
  const locked = Object.entries(patch)
    .filter(([key, value]) => value !== undefined && Object.hasOwn(policyFields, key))
    .map(([key]) => key)
    .filter((key) => isLocked(policy, key as PolicyField));
  if (locked.length > 0) throw fleetErrors.settingLocked(locked);
}

/**
 * Connecting, disconnecting or opening the demo, when the policy fixes the account. Connecting
 * the very account it names is always allowed: that is how its token reaches the secret store.
 */
export function refuseAccountChange(policy: Policy, accountId?: string): void {
  const fixed = policy.values.accountId;
  if (fixed !== undefined && accountId === fixed) return;
  if (fixed !== undefined || policy.values.allowAccountChange === false) {
    throw fleetErrors.settingLocked(['account']);
  }
}
