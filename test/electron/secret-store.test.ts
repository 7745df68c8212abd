import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeStorageSecretStore, tokenFileName } from '../../main/electron/secret-store';

vi.mock('electron', () => ({}));

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'unknown';

/**
 * A reversible stand-in for the OS keyring: reversed bytes XOR a key, behind a marker naming the
 * key version, so a test can rotate the key and see the token sealed again with the new one.
 */
function fakeSafeStorage(available: boolean, backend: Backend) {
  const keyring = { version: 1 };
  const keyOf = (version: number) => 0x50 + version;
  return {
    keyring,
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptStringAsync: vi.fn(async (plain: string) =>
      Buffer.concat([
        Buffer.from(`v${keyring.version}:`),
        Buffer.from(plain, 'utf8')
          .reverse()
          .map((b) => b ^ keyOf(keyring.version)),
      ]),
    ),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      const version = Number(sealed.subarray(1, sealed.indexOf(':')).toString());
      const body = sealed.subarray(sealed.indexOf(':') + 1);
      const result = Buffer.from(body.map((b) => b ^ keyOf(version)))
        .reverse()
        .toString('utf8');
      return { result, shouldReEncrypt: version !== keyring.version };
    }),
  };
}

const token = 'Tk_9vJ3q8WmX2rL5pN7sB4dF6gH1jK0zYxCvBnM';
let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'offstream-secrets-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('the safeStorage secret store', () => {
  it('refuses on Linux when the keyring backend is basic_text', async () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    const store = safeStorageSecretStore({ safeStorage, platform: 'linux', userData });
    const status = await store.status();
    expect(status.ok).toBe(false);
    if (status.ok) return;
    expect(status.problem.code).toBe('secret_storage_unavailable');
    expect(status.problem.message).toMatch(/keyring/);
    expect(status.problem.message).toMatch(/plain text/);
    await expect(store.save(token)).rejects.toMatchObject({
      problem: { code: 'secret_storage_unavailable' },
    });
    await expect(store.load()).rejects.toMatchObject({
      problem: { code: 'secret_storage_unavailable' },
    });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(readdirSync(userData)).toEqual([]);
  });

  it.each(['linux', 'darwin', 'win32'] as const)(
    'refuses on %s when encryption is unavailable',
    async (platform) => {
      const safeStorage = fakeSafeStorage(false, 'gnome_libsecret');
      const store = safeStorageSecretStore({ safeStorage, platform, userData });
      expect(await store.status()).toMatchObject({
        ok: false,
        problem: { code: 'secret_storage_unavailable' },
      });
      await expect(store.save(token)).rejects.toThrow(/plain text/);
      expect(readdirSync(userData)).toEqual([]);
    },
  );

  it('asks for the Linux backend only on Linux', async () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    const store = safeStorageSecretStore({ safeStorage, platform: 'darwin', userData });
    expect(await store.status()).toEqual({ ok: true });
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('round-trips the token through an owner-only file that never holds it in clear', async () => {
    const safeStorage = fakeSafeStorage(true, 'gnome_libsecret');
    const store = safeStorageSecretStore({ safeStorage, platform: 'linux', userData });
    expect(await store.status()).toEqual({ ok: true });
    expect(await store.load()).toBeUndefined();
    await store.save(token);
    const file = join(userData, tokenFileName);
    expect(readdirSync(userData)).toEqual([tokenFileName]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const raw = readFileSync(file);
    for (const encoding of ['utf8', 'latin1', 'base64', 'hex'] as const) {
      expect(raw.toString(encoding)).not.toContain(token);
    }
    expect(raw.includes(Buffer.from(token))).toBe(false);
    expect(await store.load()).toBe(token);
    await store.save('second-token-0123456789abcdef');
    expect(await store.load()).toBe('second-token-0123456789abcdef');
    expect(readdirSync(userData)).toEqual([tokenFileName]);
    await store.clear();
    expect(readdirSync(userData)).toEqual([]);
    expect(await store.load()).toBeUndefined();
    await store.clear();
  });

  it('seals the token again when the keyring has rotated its key', async () => {
    const safeStorage = fakeSafeStorage(true, 'kwallet5');
    const store = safeStorageSecretStore({ safeStorage, platform: 'linux', userData });
    await store.save(token);
    const file = join(userData, tokenFileName);
    expect(readFileSync(file).subarray(0, 3).toString()).toBe('v1:');
    safeStorage.keyring.version = 2;
    expect(await store.load()).toBe(token);
    expect(readFileSync(file).subarray(0, 3).toString()).toBe('v2:');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toBe(token);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });
});
