import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySecretStore, type SecretStore } from '../../main/core/app/index';
import { filesContain } from './files-contain';
import { type AppFixture, appFixture } from './helpers';

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const unavailable: SecretStore = {
  ...memorySecretStore(),
  status: async () => ({
    ok: false,
    problem: { code: 'no_keyring', message: 'No keyring is running on this desktop.' },
  }),
};

describe('account', () => {
  it('refuses a wrong token as auth_invalid and keeps nothing', async () => {
    fixture = await appFixture();
    const { app, emulator, options } = fixture;
    const wrong = 'w'.repeat(40);
    await expect(
      app.connect({ accountId: emulator.accountId, apiToken: wrong }),
    ).rejects.toMatchObject({
      problem: { code: 'auth_invalid' },
    });
    expect(await options.secrets.load()).toBeUndefined();
    expect(app.accountStatus()).toEqual({ mode: 'none', accountId: null, problem: null });
  });

  it('refuses to connect when the secret store is unavailable', async () => {
    fixture = await appFixture({ secrets: unavailable });
    const { app, emulator } = fixture;
    const refused = app.connect({ accountId: emulator.accountId, apiToken: emulator.token });
    await expect(refused).rejects.toMatchObject({
      problem: { code: 'secret_storage_unavailable', message: expect.stringContaining('keyring') },
    });
    expect(emulator.requests.filter((r) => r.host === 'api')).toEqual([]);
  });

  it('stores the token only in the secret store and restores the account at start', async () => {
    fixture = await appFixture();
    const { emulator, options, root } = fixture;
    const status = await fixture.app.connect({
      accountId: emulator.accountId,
      apiToken: emulator.token,
    });
    expect(status).toEqual({ mode: 'account', accountId: emulator.accountId, problem: null });
    expect(await options.secrets.load()).toBe(emulator.token);
    expect((await fixture.app.refreshCatalogue()).count).toBeGreaterThanOrEqual(4);
    const app = await fixture.restart();
    expect(app.accountStatus().mode).toBe('account');
    expect(app.listCatalogue({ filter: 'all', sort: 'newest', limit: 60 }).remote).toBe(true);
    await app.close();
    expect(filesContain(root, emulator.token)).toBe(false);
    await fixture.restart();
  });

  it('reports a lost token at start instead of connecting', async () => {
    fixture = await appFixture();
    const { emulator, options } = fixture;
    await fixture.app.connect({ accountId: emulator.accountId, apiToken: emulator.token });
    await options.secrets.clear();
    const app = await fixture.restart();
    expect(app.accountStatus()).toMatchObject({
      mode: 'account',
      problem: { code: 'token_missing' },
    });
    await expect(app.refreshCatalogue()).rejects.toMatchObject({ code: 'no_account' });
  });

  it('opens the demo, remembers it across restarts, and never stores its token', async () => {
    fixture = await appFixture();
    const status = await fixture.app.demo();
    expect(status).toEqual({ mode: 'demo', accountId: fixture.emulator.accountId, problem: null });
    expect(await fixture.options.secrets.load()).toBeUndefined();
    const app = await fixture.restart();
    expect(fixture.demoStarts).toBe(2);
    expect(app.accountStatus().mode).toBe('demo');
    const config = JSON.parse(readFileSync(join(fixture.root, 'config', 'offstream.json'), 'utf8'));
    expect(config).toMatchObject({ mode: 'demo', accountId: fixture.emulator.accountId });
    expect(JSON.stringify(config)).not.toContain(fixture.emulator.token);
  });

  it('disconnects and forgets the token', async () => {
    fixture = await appFixture();
    const { emulator, options } = fixture;
    await fixture.app.connect({ accountId: emulator.accountId, apiToken: emulator.token });
    expect(await fixture.app.disconnect()).toEqual({
      mode: 'none',
      accountId: null,
      problem: null,
    });
    expect(await options.secrets.load()).toBeUndefined();
    expect((await fixture.restart()).accountStatus().mode).toBe('none');
  });
});
