import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OffstreamApp } from '../../main/core/app/index';
import { listDownloads, startDownload } from '../../main/core/app/use-cases/index';
import { type AppFixture, appFixture, jobReaches } from './helpers';

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';

const apiCalls = (f: AppFixture) => f.emulator.requests.filter((r) => r.host === 'api');

describe('connecting with either kind of API token (stream-api.md §8)', () => {
  it('connects an account token without any side effect on the account', async () => {
    fixture = await appFixture();
    const { app, emulator } = fixture;
    const status = await app.connect({ accountId: emulator.accountId, apiToken: emulator.token });
    expect(status).toEqual({ mode: 'account', accountId: emulator.accountId, problem: null });
    const calls = apiCalls(fixture);
    expect(calls.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(calls[0]?.path).toContain(`/accounts/${emulator.accountId}/tokens/verify`);
    expect(calls.some((r) => /\/token(\?|$)/.test(r.path))).toBe(false);
  });

  it('connects a user token, which only the user path verifies', async () => {
    fixture = await appFixture();
    const { app, emulator } = fixture;
    const token = emulator.control.addToken({ kind: 'user', permission: 'stream:write' });
    const status = await app.connect({ accountId: emulator.accountId, apiToken: token });
    expect(status.problem).toBeNull();
    expect(apiCalls(fixture).map((r) => r.path.split('?')[0])).toEqual([
      `/client/v4/accounts/${emulator.accountId}/tokens/verify`,
      '/client/v4/user/tokens/verify',
      `/client/v4/accounts/${emulator.accountId}/stream`,
    ]);
  });

  it.each([
    ['account', 'disabled', /is disabled/],
    ['user', 'expired', /has expired/],
  ] as const)('refuses a %s token that is %s, naming why', async (kind, status, sentence) => {
    fixture = await appFixture();
    const { app, emulator } = fixture;
    const token = emulator.control.addToken({ kind, permission: 'stream:write', status });
    await expect(
      app.connect({ accountId: emulator.accountId, apiToken: token }),
    ).rejects.toMatchObject({
      problem: { code: 'auth_invalid', message: expect.stringMatching(sentence) },
    });
    expect(await fixture.options.secrets.load()).toBeUndefined();
  });

  it('connects a token without Stream Write, and says so when a download first needs it', async () => {
    fixture = await appFixture();
    const { app, emulator } = fixture;
    await app.connect({ accountId: emulator.accountId, apiToken: emulator.readToken });
    await app.refreshCatalogue();
    const failed = jobReaches(fixture, ALPINE, 'failed');
    startDownload(app.session(), { uid: ALPINE, kind: 'default' });
    await failed;
    const [job] = listDownloads(app.session());
    expect(job?.errorCode).toBe('auth_missing_permission');
    expect(`${job?.errorMessage} ${job?.errorAction}`).toMatch(/Stream Write/);
  });
});

describe('an account given explicitly (environment, flags)', () => {
  it('is reported when it fails, never replaced by the stored demo connection', async () => {
    fixture = await appFixture();
    await fixture.app.demo();
    await fixture.app.close();
    const explicit = { accountId: fixture.emulator.accountId, token: 'x'.repeat(40) };
    const starts = fixture.demoStarts;
    const app = await OffstreamApp.open({ ...fixture.options, explicitAccount: explicit });
    fixture.app = app;
    expect(fixture.demoStarts).toBe(starts);
    expect(app.accountStatus()).toMatchObject({
      mode: 'account',
      accountId: explicit.accountId,
      problem: { code: 'auth_invalid' },
    });
    expect(app.listCatalogue({ filter: 'all', sort: 'newest', limit: 10 }).remote).toBe(false);
    const config = JSON.parse(readFileSync(join(fixture.root, 'config', 'offstream.json'), 'utf8'));
    expect(config.mode).toBe('demo');
  });

  it('connects when it works, without saving it as the app’s connection', async () => {
    fixture = await appFixture();
    await fixture.app.close();
    const { emulator } = fixture;
    const explicit = { accountId: emulator.accountId, token: emulator.token };
    const app = await OffstreamApp.open({ ...fixture.options, explicitAccount: explicit });
    fixture.app = app;
    expect(app.accountStatus()).toEqual({
      mode: 'account',
      accountId: emulator.accountId,
      problem: null,
    });
    expect(await fixture.options.secrets.load()).toBeUndefined();
  });
});

describe('the stored connection belongs to its library folder', () => {
  it('is restored in the library it was made in, and nowhere else', async () => {
    fixture = await appFixture();
    await fixture.app.demo();
    await fixture.app.close();
    const other = await OffstreamApp.open({
      ...fixture.options,
      libraryFolder: join(fixture.root, 'other'),
    });
    expect(other.accountStatus()).toEqual({ mode: 'none', accountId: null, problem: null });
    await other.close();
    const again = await fixture.restart();
    expect(again.accountStatus().mode).toBe('demo');
  });
});
