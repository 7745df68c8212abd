import { type LibraryIndex, openLibrary } from '../core/library/index';
import { createLogger, type Logger, type LogLevel } from '../core/log';
import { DownloadQueue } from '../core/queue/download-queue';
import { createStreamClient, type StreamClient } from '../core/stream/client';
import { type CliConfig, requireAccount } from './config';
import { crashInjection } from './crash-injection';

/** An open library with its queue and, when configured, the account's API client. */
export interface CliSession {
  library: LibraryIndex;
  stream?: StreamClient;
  queue: DownloadQueue;
  logger: Logger;
  close(): Promise<void>;
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function cliLogger(config: Pick<CliConfig, 'token'>, env = process.env): Logger {
  const wanted = env.OFFSTREAM_LOG_LEVEL as LogLevel | undefined;
  return createLogger({
    level: wanted && levels.includes(wanted) ? wanted : 'error',
    secrets: () => (config.token ? [config.token] : []),
  });
}

export function streamClientFor(config: CliConfig, logger: Logger): StreamClient {
  const account = requireAccount(config);
  return createStreamClient({
    apiBase: account.apiBase,
    accountId: account.accountId,
    credentials: { token: account.token },
    logger,
  });
}

export function openSession(
  config: CliConfig,
  options: { account: 'required' | 'optional' },
  env = process.env,
): CliSession {
  const logger = cliLogger(config);
  const hasAccount = config.accountId !== undefined && config.token !== undefined;
  const stream =
    options.account === 'required' || hasAccount ? streamClientFor(config, logger) : undefined;
  const library = openLibrary(config.library, { logger });
  const queue = new DownloadQueue({
    library,
    logger,
    transfer: crashInjection(env),
    ...(stream ? { stream } : {}),
  });
  return {
    library,
    queue,
    logger,
    ...(stream ? { stream } : {}),
    async close() {
      await queue.stop();
      library.close();
    },
  };
}
