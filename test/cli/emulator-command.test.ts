import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { get } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, cliPath, exitCode, firstLine, spawnCli } from '../support/cli-process';
import { makeTestCa } from '../support/test-ca';

let child: CliProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('offstream emulator', () => {
  it('prints one JSON line with what a client needs, serves it, and stops on SIGTERM', async () => {
    child = spawnCli(['emulator', '--port', '0', '--prepare-ms', '100']);
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const info = JSON.parse(await firstLine(child));
    expect(info.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
    expect(info.delivery).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.account).toMatch(/^[0-9a-f]{32}$/);
    expect(info.tokenKind).toBe('account');
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
    // One emulator: the command ran once, not again when its chunk was loaded.
    expect(printed.trim().split('\n')).toHaveLength(1);
  });

  it('prints a user token with --user-token', async () => {
    child = spawnCli(['emulator', '--user-token']);
    const info = JSON.parse(await firstLine(child));
    expect(info.tokenKind).toBe('user');
    const verify = async (path: string) =>
      (await fetch(`${info.api}${path}`, { headers: { authorization: `Bearer ${info.token}` } }))
        .status;
    expect(await verify('/user/tokens/verify')).toBe(200);
    expect(await verify(`/accounts/${info.account}/tokens/verify`)).toBe(401);
  });

  it('serves HTTPS with --tls-cert and --tls-key', async () => {
    const ca = await makeTestCa();
    try {
      child = spawnCli([
        'emulator',
        '--tls-cert',
        `${ca.dir}/server.crt`,
        '--tls-key',
        `${ca.dir}/server.key`,
      ]);
      const info = JSON.parse(await firstLine(child));
      expect(info.api).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
      expect(info.delivery).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const url = `${info.api}/accounts/${info.account}/stream`;
        const headers = { authorization: `Bearer ${info.token}` };
        get(url, { ca: ca.caCert, headers }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await rm(ca.dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a clear message when only one of --tls-cert and --tls-key is given', async () => {
    child = spawnCli(['emulator', '--tls-cert', 'server.crt']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain('--tls-cert and --tls-key must be given together');
  });

  it('exits 2 when a TLS file cannot be read', async () => {
    child = spawnCli([
      'emulator',
      '--tls-cert',
      '/nonexistent/c.pem',
      '--tls-key',
      '/nonexistent/k.pem',
    ]);
    expect(await exitCode(child)).toBe(2);
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
