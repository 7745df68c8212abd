import { describe, expect, it } from 'vitest';
import { osSaysMetered, parseNetworkManagerMetered } from '../../main/electron/metered';

describe("NetworkManager's metered verdict", () => {
  it('reads what gdbus prints for each NMMetered value', () => {
    expect(parseNetworkManagerMetered('(<uint32 1>,)\n')).toBe(true);
    expect(parseNetworkManagerMetered('(<uint32 3>,)\n')).toBe(true);
    expect(parseNetworkManagerMetered('(<uint32 2>,)\n')).toBe(false);
    expect(parseNetworkManagerMetered('(<uint32 4>,)\n')).toBe(false);
    expect(parseNetworkManagerMetered('(<uint32 0>,)\n')).toBeUndefined();
    expect(
      parseNetworkManagerMetered('Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown'),
    ).toBeUndefined();
  });

  it('asks only on Linux, and a failing gdbus means "does not say"', async () => {
    const asked: string[][] = [];
    const run = async (file: string, args: string[]) => {
      asked.push([file, ...args]);
      return '(<uint32 1>,)';
    };
    expect(await osSaysMetered('win32', run)()).toBeUndefined();
    expect(await osSaysMetered('darwin', run)()).toBeUndefined();
    expect(asked).toEqual([]);
    expect(await osSaysMetered('linux', run)()).toBe(true);
    expect(asked[0]?.slice(0, 3)).toEqual(['gdbus', 'call', '--system']);
    expect(asked[0]?.at(-1)).toBe('Metered');
    const broken = async () => {
      throw new Error('ENOENT');
    };
    expect(await osSaysMetered('linux', broken)()).toBeUndefined();
  });
});
