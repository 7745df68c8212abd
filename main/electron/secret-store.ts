import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { Problem } from '../contract/index';
import { ProblemError } from '../core/app/errors';
import type { SecretStore } from '../core/app/secret-store';
import { writeFileAtomic } from '../core/atomic-file';

export const tokenFileName = 'account-token.bin';

/** The asynchronous API only: Electron 46 removes the synchronous one. */
type Encryption = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
>;

export interface SafeStorageStoreOptions {
  safeStorage: Encryption;
  /** process.platform; the basic_text fallback exists only on Linux. */
  platform: NodeJS.Platform;
  /** app.getPath('userData') */
  userData: string;
  /** The sealed file in userData; the API token's by default. */
  fileName?: string;
}

export const secretStorageUnavailable: Problem = {
  code: 'secret_storage_unavailable',
  message:
    'This system has no keyring Offstream can use (such as GNOME Keyring or KWallet), so the API token would be stored in plain text. Offstream does not keep it that way.',
  action: 'Install or unlock a system keyring and restart Offstream, or use the demo library.',
};

/**
 * The API token encrypted by the OS keyring (safeStorage) in `<userData>/account-token.bin`.
 * Refuses to work when safeStorage would fall back to a fixed key (Linux without a keyring):
 * that is plain text with extra steps.
 */
export function safeStorageSecretStore(options: SafeStorageStoreOptions): SecretStore {
  const file = join(options.userData, options.fileName ?? tokenFileName);
  const { safeStorage } = options;
  const usable = async () => {
    if (!(await encryptionIsReal(options))) throw new ProblemError(secretStorageUnavailable);
  };
  return {
    status: async () =>
      (await encryptionIsReal(options))
        ? { ok: true }
        : { ok: false, problem: secretStorageUnavailable },
    async load() {
      await usable();
      const sealed = await readIfPresent(file);
      if (!sealed) return undefined;
      const opened = await safeStorage.decryptStringAsync(sealed);
      // The keyring rotated its key (or gained a stronger one): seal the token again with it.
      if (opened.shouldReEncrypt) {
        await writeAtomically(file, await safeStorage.encryptStringAsync(opened.result));
      }
      return opened.result;
    },
    async save(token) {
      await usable();
      await writeAtomically(file, await safeStorage.encryptStringAsync(token));
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}

/** The backend is known once the asynchronous initialisation has resolved, so ask after it. */
async function encryptionIsReal({ safeStorage, platform }: SafeStorageStoreOptions) {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Owner-only: the token is encrypted, but still nobody else's business. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes, { mode: 0o600 });
}
