import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../main/core/app/fleet/policy';
import { readProfile } from '../../main/core/app/fleet/profile';
import { tempFolder } from '../library/helpers';

const lobby = 'b'.repeat(32);
const window = { days: ['mon'], from: '08:00', to: '18:00' };
const withEmptyList = { windows: [{ ...window, playlist: [] }], outside: { show: 'black' } };

function file(json: unknown): string {
  const path = join(tempFolder('offstream-fleet-'), 'file.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

// settings:set refuses it too (test/contract/suite.ts), with the same sentence.
describe('a kiosk window with an empty own list', () => {
  it('is refused in a managed profile, which then changes nothing', async () => {
    const profile = file({ version: 1, videos: [lobby], kiosk: { schedule: withEmptyList } });
    await expect(readProfile(profile)).rejects.toMatchObject({
      code: 'profile_invalid',
      message: expect.stringMatching(
        /kiosk\.schedule\.windows\.0\.playlist: a window’s own list needs a video \(leave it out/,
      ),
    });
  });

  it('is a policy field ignored on its own, with the problem said', () => {
    const policy = readPolicy(file({ kioskSchedule: withEmptyList, kioskPlaylist: [lobby] }));
    expect(policy.values).toEqual({ kioskPlaylist: [lobby] });
    expect(policy.problems).toEqual([
      expect.stringMatching(/"kioskSchedule" was ignored: a window’s own list needs a video/),
    ]);
  });
});
