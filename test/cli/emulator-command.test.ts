import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, cliPath, exitCode, firstLine, spawnCli } from '../support/cli-process';

let child: CliProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('offstream emulator', () => {
  it('prints one JSON line with what a client needs, serves it, and stops on SIGTERM', async () => {
    child = spawnCli(['emulator', '--port', '0', '--prepare-ms', '100']);
    const info = JSON.parse(await firstLine(child));
    expect(info.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
    expect(info.delivery).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.account).toMatch(/^[0-9a-f]{32}$/);
    expect(info.videos.length).toBeGreaterThanOrEqual(4);

    const response = await fetch(`${info.api}/accounts/${info.account}/stream`, {
      headers: { authorization: `Bearer ${info.token}` },
    });
    const body = (await response.json()) as { success: boolean; result: { uid: string }[] };
    expect(body.success).toBe(true);
    expect(body.result.map((v) => v.uid).sort()).toEqual(
      info.videos.map((v: { uid: string }) => v.uid).sort(),
    );

    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('exits 2 on bad usage', async () => {
    child = spawnCli(['emulator', '--port', 'eighty']);
    expect(await exitCode(child)).toBe(2);
  });

  it('runs through its own shebang, as `npx offstream` does', () => {
    expect(execFileSync(cliPath, ['--version'], { encoding: 'utf8' }).trim()).toMatch(
      /^\d+\.\d+\.\d+$/,
    );
  });

  it('exits 2 on an unknown command', async () => {
    child = spawnCli(['teleport']);
    expect(await exitCode(child)).toBe(2);
  });
});
