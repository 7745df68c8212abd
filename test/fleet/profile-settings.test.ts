import { describe, expect, it } from 'vitest';
import type { Policy } from '../../main/core/app/fleet/policy';
import { applyProfileSettings } from '../../main/core/app/settings';
import { open, tempFolder, uidOf } from '../library/helpers';

const schedule = (uid: string) => ({
  windows: [{ days: ['sat' as const], from: '10:00', to: '16:00', playlist: [uid] }],
  outside: { show: 'black' as const },
});

describe('a managed profile on a machine whose policy locks the kiosk', () => {
  it('leaves the playlist and schedule as the policy has them, and says which', () => {
    const library = open(tempFolder());
    const policy: Policy = {
      file: 'policy.json',
      values: { kioskPlaylist: [uidOf(1)], kioskSchedule: schedule(uidOf(1)) },
      problems: [],
    };
    library.setSetting('kioskPlaylist', [uidOf(1)]);
    library.setSetting('kioskSchedule', schedule(uidOf(1)));
    const skipped = applyProfileSettings(
      library,
      { kioskPlaylist: [uidOf(2)], kioskSchedule: schedule(uidOf(2)), downloadWindow: null },
      policy,
    );
    expect(skipped).toEqual(['kioskPlaylist', 'kioskSchedule']);
    expect(library.getSetting('kioskPlaylist')).toEqual([uidOf(1)]);
    expect(library.getSetting('kioskSchedule')).toEqual(schedule(uidOf(1)));
  });

  it('writes what the policy leaves alone, and reports nothing it did not set', () => {
    const library = open(tempFolder());
    const policy: Policy = { file: 'p', values: { kioskPlaylist: [uidOf(1)] }, problems: [] };
    expect(applyProfileSettings(library, { kioskSchedule: schedule(uidOf(2)) }, policy)).toEqual(
      [],
    );
    expect(library.getSetting('kioskSchedule')).toEqual(schedule(uidOf(2)));
  });
});
