import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeStorageSecretStore, tokenFileName } from '../../main/electron/secret-store';

vi.mock('electron', () => ({}));

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'unknown';

/** A reversible stand-in for the OS keyring: reversed bytes XOR a key, with a marker prefix. */
function fakeSafeStorage(available: boolean, backend: Backend) {
  const key = 0x5a;
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((plain: string) =>
      Buffer.concat([
        Buffer.from('v10'),
        Buffer.from(plain, 'utf8')
          .reverse()
          .map((b) => b ^ key),
      ]),
    ),
    decryptString: vi.fn((sealed: Buffer) =>
      Buffer.from(sealed.subarray(3).map((b) => b ^ key))
        .reverse()
        .toString('utf8'),
    ),
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
    const status = store.status();
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
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(readdirSync(userData)).toEqual([]);
  });

  it.each(['linux', 'darwin', 'win32'] as const)(
    'refuses on %s when encryption is unavailable',
    async (platform) => {
      const safeStorage = fakeSafeStorage(false, 'gnome_libsecret');
      const store = safeStorageSecretStore({ safeStorage, platform, userData });
      expect(store.status()).toMatchObject({
        ok: false,
        problem: { code: 'secret_storage_unavailable' },
      });
      await expect(store.save(token)).rejects.toThrow(/plain text/);
      expect(readdirSync(userData)).toEqual([]);
    },
  );

  it('asks for the Linux backend only on Linux', () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    expect(safeStorageSecretStore({ safeStorage, platform: 'darwin', userData }).status()).toEqual({
      ok: true,
    });
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('round-trips the token through an owner-only file that never holds it in clear', async () => {
    const safeStorage = fakeSafeStorage(true, 'gnome_libsecret');
    const store = safeStorageSecretStore({ safeStorage, platform: 'linux', userData });
    expect(store.status()).toEqual({ ok: true });
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
});
