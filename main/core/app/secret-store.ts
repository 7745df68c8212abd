import type { Problem } from '../../contract/index';

/**
 * Where the API token lives: the OS secret store in the desktop app (safeStorage), memory or
 * the environment in browser mode and tests. The token never goes into SQLite, logs or results.
 */
export interface SecretStore {
  /** Whether tokens can be stored securely on this system right now. */
  status(): Promise<{ ok: true } | { ok: false; problem: Problem }>;
  load(): Promise<string | undefined>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** A store that keeps the token in this process only (browser mode, tests). */
export function memorySecretStore(initial?: string): SecretStore {
  let token = initial;
  return {
    status: async () => ({ ok: true }),
    load: async () => token,
    save: async (value) => {
      token = value;
    },
    clear: async () => {
      token = undefined;
    },
  };
}
