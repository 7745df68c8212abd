import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { policyFilePath, readPolicy } from '../../main/core/app/fleet/policy';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function policyFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'offstream-policy-'));
  dirs.push(dir);
  const file = join(dir, 'policy.json');
  writeFileSync(file, content);
  return file;
}

const account = 'a'.repeat(32);

describe('the machine policy', () => {
  it('applies the valid fields and ignores each bad one with a sentence', () => {
    const file = policyFile(
      JSON.stringify({
        libraryFolder: '/srv/offstream',
        accountId: account,
        bandwidthCap: -5,
        proxy: { mode: 'manual', url: 'http://proxy.example:3128' },
        downloadWindow: { windows: [{ days: ['mon'], from: '25:00', to: '05:00' }] },
        kioskOnStart: true,
        allowUpdates: false,
        apiToken: 'never-here',
      }),
    );
    const policy = readPolicy(file);
    expect(policy.values).toEqual({
      libraryFolder: '/srv/offstream',
      accountId: account,
      proxy: { mode: 'manual', url: 'http://proxy.example:3128', username: null },
      kioskOnStart: true,
      allowUpdates: false,
    });
    expect(policy.problems).toHaveLength(3);
    expect(policy.problems.join('\n')).toMatch(/"bandwidthCap" was ignored/);
    expect(policy.problems.join('\n')).toMatch(/"downloadWindow" was ignored/);
    // A token is not a policy field: it is refused, and its value never repeated.
    expect(policy.problems.join('\n')).toMatch(/"apiToken" is unknown/);
    expect(policy.problems.join('\n')).not.toContain('never-here');
  });

  it('reads what the kiosk plays with the settings’ own schemas, a bad one ignored alone', () => {
    const lobby = 'b'.repeat(32);
    const schedule = {
      windows: [{ days: ['mon'], from: '08:00', to: '18:00', playlist: [lobby] }],
      outside: { show: 'countdown' },
    };
    const good = readPolicy(
      policyFile(JSON.stringify({ kioskPlaylist: [lobby], kioskSchedule: schedule })),
    );
    expect(good).toMatchObject({
      values: { kioskPlaylist: [lobby], kioskSchedule: schedule },
      problems: [],
    });
    // null locks "always play", as downloadWindow's null locks "any time".
    expect(readPolicy(policyFile('{"kioskSchedule": null}')).values).toEqual({
      kioskSchedule: null,
    });

    const bad = readPolicy(
      policyFile(
        JSON.stringify({
          kioskPlaylist: ['lobby-loop'],
          kioskSchedule: { ...schedule, outside: { show: 'still' } },
          kioskOnStart: true,
        }),
      ),
    );
    expect(bad.values).toEqual({ kioskOnStart: true });
    expect(bad.problems).toEqual([
      expect.stringMatching(/"kioskPlaylist" was ignored/),
      expect.stringMatching(/"kioskSchedule" was ignored/),
    ]);
  });

  it('takes an update URL that is https, or http only on this machine, as the API base', () => {
    for (const url of [
      'https://mirror.corp.example/offstream/',
      'http://127.0.0.1:8080/updates/',
      'http://localhost/updates/',
    ]) {
      expect(readPolicy(policyFile(JSON.stringify({ updateUrl: url })))).toMatchObject({
        values: { updateUrl: url },
        problems: [],
      });
    }
    for (const url of [
      'http://mirror.corp.example/offstream/',
      'ftp://127.0.0.1/',
      'mirror',
      'https://it:hunter2@mirror.corp.example/offstream/',
    ]) {
      const policy = readPolicy(policyFile(JSON.stringify({ updateUrl: url, allowUpdates: true })));
      expect(policy.values).toEqual({ allowUpdates: true });
      expect(policy.problems).toEqual([
        expect.stringMatching(/^The policy field "updateUrl" was ignored: /),
      ]);
    }
  });

  it('sets nothing from a file that is not a JSON object, and says so', () => {
    for (const text of ['{"bandwidthCap": 1', '[1, 2]', '"x"']) {
      const policy = readPolicy(policyFile(text));
      expect(policy.values).toEqual({});
      expect(policy.problems).toHaveLength(1);
    }
  });

  it('is no policy when the file is absent, and a problem when it cannot be read', () => {
    const absent = readPolicy(join(tmpdir(), 'offstream-no-such-dir', 'policy.json'));
    expect(absent).toMatchObject({ values: {}, problems: [] });
    const folder = mkdtempSync(join(tmpdir(), 'offstream-policy-dir-'));
    dirs.push(folder);
    const unreadable = readPolicy(folder);
    expect(unreadable.values).toEqual({});
    expect(unreadable.problems[0]).toContain('EISDIR');
  });

  it('is read from each system’s place, or from OFFSTREAM_POLICY_FILE', () => {
    expect(policyFilePath({}, 'linux')).toBe('/etc/offstream/policy.json');
    expect(policyFilePath({ ProgramData: 'D:\\PD' }, 'win32')).toBe(
      join('D:\\PD', 'Offstream', 'policy.json'),
    );
    expect(policyFilePath({}, 'darwin')).toBe('/Library/Application Support/Offstream/policy.json');
    expect(policyFilePath({ OFFSTREAM_POLICY_FILE: '/tmp/p.json' }, 'linux')).toBe('/tmp/p.json');
  });
});
