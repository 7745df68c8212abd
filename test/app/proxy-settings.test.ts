import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../main/core/app/index';
import { environmentNetwork } from '../../main/core/app/network';
import { type RunningProxy, startProxyProcess } from '../support/proxy-process';
import { filesContain } from './files-contain';
import { type AppFixture, appFixture } from './helpers';

let proxy: RunningProxy;
let fixture: AppFixture | undefined;
beforeAll(async () => {
  proxy = await startProxyProcess({ username: 'traveller', password: 'hotel-wifi-7' });
});
afterAll(async () => {
  await proxy?.close();
});
afterEach(async () => {
  proxy.clear();
  await fixture?.close();
  fixture = undefined;
});

/** An app whose proxy password lives in its own store, as the desktop keyring keeps it. */
async function appWithProxyStore() {
  const passwords = memorySecretStore();
  fixture = await appFixture({ network: environmentNetwork({}, passwords) });
  await fixture.app.connect({
    accountId: fixture.emulator.accountId,
    apiToken: fixture.emulator.token,
  });
  proxy.clear();
  return { app: fixture.app, passwords };
}

describe('the proxy setting', () => {
  it('sends API calls through a manual proxy with its password, kept out of the library', async () => {
    const { app, passwords } = await appWithProxyStore();
    const settings = await app.setSettings({
      proxy: { mode: 'manual', url: proxy.url, username: 'traveller', password: 'hotel-wifi-7' },
    });
    expect(settings.proxy).toEqual({
      mode: 'manual',
      url: proxy.url,
      username: 'traveller',
      passwordSet: true,
    });
    expect(await passwords.load()).toBe('hotel-wifi-7');
    await app.refreshCatalogue();
    const seen = await proxy.requests();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.authorized)).toBe(true);
    await app.close();
    expect(filesContain(fixture?.root ?? '', 'hotel-wifi-7')).toBe(false);
  });

  it('answers proxy_auth when the password is wrong, and goes direct again with "none"', async () => {
    const { app } = await appWithProxyStore();
    await app.setSettings({
      proxy: { mode: 'manual', url: proxy.url, username: 'traveller', password: 'wrong' },
    });
    await expect(app.refreshCatalogue()).rejects.toMatchObject({ code: 'proxy_auth' });
    await app.setSettings({ proxy: { mode: 'none' } });
    proxy.clear();
    await app.refreshCatalogue();
    expect(await proxy.requests()).toEqual([]);
  });

  it('keeps the choice across a restart and forgets the password when asked', async () => {
    const { app, passwords } = await appWithProxyStore();
    await app.setSettings({
      proxy: { mode: 'manual', url: proxy.url, username: 'traveller', password: 'hotel-wifi-7' },
    });
    const again = await fixture?.restart();
    expect(again?.settings().proxy.passwordSet).toBe(true);
    await again?.refreshCatalogue();
    expect((await proxy.requests()).every((r) => r.authorized)).toBe(true);
    const forgotten = await again?.setSettings({ proxy: { mode: 'manual', password: null } });
    expect(forgotten?.proxy.passwordSet).toBe(false);
    expect(await passwords.load()).toBeUndefined();
  });

  it('answers a system proxy that asks for a password with the credentials set in Settings', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    const passwords = memorySecretStore();
    fixture = await appFixture({ network: environmentNetwork(env, passwords) });
    const { app, emulator } = fixture;
    await expect(
      app.connect({ accountId: emulator.accountId, apiToken: emulator.token }),
    ).rejects.toMatchObject({ problem: { code: 'proxy_auth' } });
    await app.setSettings({
      proxy: { mode: 'system', username: 'traveller', password: 'hotel-wifi-7' },
    });
    proxy.clear();
    await app.connect({ accountId: emulator.accountId, apiToken: emulator.token });
    const seen = await proxy.requests();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.authorized)).toBe(true);
  });

  it('never sends the demo, a server on this machine, to the proxy', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    fixture = await appFixture({ network: environmentNetwork(env, memorySecretStore()) });
    await fixture.app.demo();
    await fixture.app.refreshCatalogue();
    expect(await proxy.requests()).toEqual([]);
  });

  it('refuses a manual proxy without an address', async () => {
    const { app } = await appWithProxyStore();
    await expect(app.setSettings({ proxy: { mode: 'manual' } })).rejects.toMatchObject({
      code: 'proxy_url_missing',
    });
    expect(app.settings().proxy.mode).toBe('system');
  });
});
