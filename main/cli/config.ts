import { z } from 'zod';
import { defaultLibraryFolder } from '../core/library/default-location';
import { AccountId } from '../core/stream/ids';

export const defaultApiBase = 'https://api.cloudflare.com/client/v4';

/** What every command may need, from flags first, then the environment. */
export interface CliConfig {
  apiBase: string;
  accountId?: string;
  /** Only ever from OFFSTREAM_API_TOKEN: flags show up in `ps` and shell history. */
  token?: string;
  library: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const ApiBase = z
  .string()
  .url()
  .refine((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  }, 'must be https (http only for 127.0.0.1 or localhost)');

export function resolveConfig(
  flags: { apiBase?: string; account?: string; library?: string },
  env: NodeJS.ProcessEnv = process.env,
): CliConfig {
  const apiBase = ApiBase.safeParse(flags.apiBase ?? env.OFFSTREAM_API_BASE ?? defaultApiBase);
  if (!apiBase.success) {
    throw new ConfigError(`The API base ${apiBase.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  const accountRaw = flags.account ?? env.OFFSTREAM_ACCOUNT_ID;
  if (accountRaw !== undefined && !AccountId.safeParse(accountRaw).success) {
    throw new ConfigError(
      'The account id must be 32 lowercase hex characters (OFFSTREAM_ACCOUNT_ID).',
    );
  }
  const token = env.OFFSTREAM_API_TOKEN?.trim() || undefined;
  return {
    apiBase: apiBase.data.replace(/\/+$/, ''),
    ...(accountRaw ? { accountId: accountRaw } : {}),
    ...(token ? { token } : {}),
    library: flags.library ?? env.OFFSTREAM_LIBRARY ?? defaultLibraryFolder(),
  };
}

/** The account part of the config, or a ConfigError naming exactly what is missing. */
export function requireAccount(config: CliConfig): {
  apiBase: string;
  accountId: string;
  token: string;
} {
  const missing = [
    config.accountId ? undefined : 'OFFSTREAM_ACCOUNT_ID',
    config.token ? undefined : 'OFFSTREAM_API_TOKEN',
  ].filter(Boolean);
  if (!config.accountId || !config.token) {
    throw new ConfigError(`This command needs a Cloudflare account: set ${missing.join(' and ')}.`);
  }
  return { apiBase: config.apiBase, accountId: config.accountId, token: config.token };
}
