import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProxyUrl } from '../contract/schemas';
import { fleetErrors } from '../core/app/fleet/fleet-errors';
import { type Policy, policyFilePath, readPolicy } from '../core/app/fleet/policy';
import { defaultLibraryFolder } from '../core/app/index';
import type { ProxyChoice } from '../core/http/proxy-resolver';
import { HttpsOrLoopbackUrl } from '../core/http/secure-url';
import { pemCertificates } from '../core/http/trust';
import { AccountId } from '../core/stream/ids';

export const defaultApiBase = 'https://api.cloudflare.com/client/v4';

/** What every command may need, from flags first, then the environment. */
export interface CliConfig {
  apiBase: string;
  accountId?: string;
  /** Only ever from OFFSTREAM_API_TOKEN: flags show up in `ps` and shell history. */
  token?: string;
  library: string;
  /** `--proxy`: over the library's setting and the proxy variables. */
  proxy?: ProxyChoice;
  /** `--cacert`: PEM certificates trusted besides Node's (and NODE_EXTRA_CA_CERTS). */
  extraCertificates?: string[];
  /** IT's machine-wide policy: what it sets is used, and a flag that differs is refused. */
  policy: Policy;
}

export interface GlobalFlags {
  apiBase?: string;
  account?: string;
  library?: string;
  proxy?: string;
  cacert?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function resolveConfig(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const apiBase = HttpsOrLoopbackUrl.safeParse(
    flags.apiBase ?? env.OFFSTREAM_API_BASE ?? defaultApiBase,
  );
  if (!apiBase.success) {
    throw new ConfigError(`The API base ${apiBase.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  const policy = readPolicy(policyFilePath(env));
  const accountRaw = lockedOr(
    policy.values.accountId,
    flags.account ?? env.OFFSTREAM_ACCOUNT_ID,
    'account',
  );
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
    library: libraryFolder(policy, flags.library ?? env.OFFSTREAM_LIBRARY),
    ...(flags.proxy === undefined ? {} : { proxy: proxyFlag(flags.proxy, policy) }),
    ...(flags.cacert === undefined ? {} : { extraCertificates: certificatesIn(flags.cacert) }),
    policy,
  };
}

/** The policy's value; one given that differs is refused (setting_locked), never silently swapped. */
function lockedOr(locked: string | undefined, given: string | undefined, name: string) {
  if (locked === undefined || given === undefined || given === locked) return locked ?? given;
  throw fleetErrors.settingLocked([name]);
}

function libraryFolder(policy: Policy, given: string | undefined): string {
  const locked = policy.values.libraryFolder;
  if (locked === undefined) return given ?? defaultLibraryFolder();
  if (given !== undefined && resolve(given) !== resolve(locked)) {
    throw fleetErrors.settingLocked(['libraryLocation']);
  }
  return locked;
}

/** `--proxy none`, `--proxy system`, or a proxy URL without a password (a flag shows in `ps`). */
function proxyFlag(value: string, policy: Policy): ProxyChoice {
  if (policy.values.proxy !== undefined) throw fleetErrors.settingLocked(['proxy']);
  if (value === 'none' || value === 'system') return { mode: value };
  const parsed = ProxyUrl.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(
      `--proxy ${parsed.error.issues[0]?.message ?? 'is not valid'} Put a user name and password in HTTPS_PROXY instead (a flag shows in \`ps\`).`,
    );
  }
  return { mode: 'manual', url: parsed.data };
}

function certificatesIn(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `--cacert: ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  const certificates = pemCertificates(text);
  if (certificates.length === 0)
    throw new ConfigError(`--cacert: ${file} holds no PEM certificate.`);
  return certificates;
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
