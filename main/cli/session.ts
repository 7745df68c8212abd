import { AppEventHub } from '../core/app/app-events';
import { LibrarySession } from '../core/app/library-session';
import { environmentNetwork, type NetworkEnvironment } from '../core/app/network';
import { memorySecretStore } from '../core/app/secret-store';
import { systemClock } from '../core/clock';
import { createHttpStack, type HttpStack } from '../core/http/http-stack';
import { trustedAuthorities } from '../core/http/trust';
import { createLogger, type Logger, type LogLevel } from '../core/log';
import { createStreamClient, type StreamClient } from '../core/stream/client';
import { type CliConfig, requireAccount } from './config';
import { crashInjection } from './crash-injection';
import { terminalText } from './terminal-text';

/** The library session the use cases run on and, when configured, the account's API client. */
export interface CliSession {
  session: LibrarySession;
  stream?: StreamClient;
  logger: Logger;
  close(): Promise<void>;
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function cliLogger(config: Pick<CliConfig, 'token'>, env = process.env): Logger {
  const wanted = env.OFFSTREAM_LOG_LEVEL as LogLevel | undefined;
  return createLogger({
    level: wanted && levels.includes(wanted) ? wanted : 'error',
    secrets: () => [config.token, env.OFFSTREAM_PROXY_PASSWORD].filter((s): s is string => !!s),
  });
}

/**
 * The command line's network: the proxy variables (HTTPS_PROXY, NO_PROXY…) are its system
 * proxy, `--proxy` overrides the library's setting, `--cacert` adds authorities; a manual
 * proxy's password comes from OFFSTREAM_PROXY_PASSWORD (the desktop keyring is not reachable).
 */
export function cliNetwork(config: CliConfig, env = process.env): NetworkEnvironment {
  const extra = config.extraCertificates ?? [];
  const authorities = trustedAuthorities({ system: false, extra, env });
  const network = environmentNetwork(
    env,
    memorySecretStore(env.OFFSTREAM_PROXY_PASSWORD),
    authorities,
  );
  return config.proxy ? { ...network, override: config.proxy } : network;
}

export function streamClientFor(config: CliConfig, logger: Logger, http: HttpStack): StreamClient {
  const account = requireAccount(config);
  return createStreamClient({
    apiBase: account.apiBase,
    accountId: account.accountId,
    credentials: { token: account.token },
    logger,
    http,
  });
}

/**
 * The same session the desktop app and the browser mode open: the library's concurrency,
 * bandwidth cap and proxy settings apply here exactly as they do there. Unlike the app, it
 * continues no download by itself: `get` runs the ones it names, other commands none.
 */
export function openSession(
  config: CliConfig,
  options: { account: 'required' | 'optional' },
  env = process.env,
): CliSession {
  const logger = cliLogger(config, env);
  for (const problem of config.policy.problems) {
    process.stderr.write(
      `offstream: policy ${terminalText(config.policy.file)}: ${terminalText(problem)}\n`,
    );
  }
  const http = createHttpStack();
  const network = cliNetwork(config, env);
  const hasAccount = config.accountId !== undefined && config.token !== undefined;
  const stream =
    options.account === 'required' || hasAccount
      ? streamClientFor(config, logger, http)
      : undefined;
  const session = LibrarySession.open(
    config.library,
    {
      clock: systemClock,
      logger,
      hub: new AppEventHub(logger),
      tuning: { transfer: crashInjection(env) },
      secrets: () => (config.token ? [config.token] : []),
      http,
      network: () => network,
      recover: false,
      policy: config.policy,
    },
    stream,
  );
  return {
    session,
    logger,
    ...(stream ? { stream } : {}),
    close: () => session.close(),
  };
}
