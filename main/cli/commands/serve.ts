import { dirname } from 'node:path';
import type { Outcome } from '../../contract/index';
import {
  defaultLibraryFolder,
  emulatedDemo,
  type FolderPurpose,
  memorySecretStore,
  ProblemError,
} from '../../core/app/index';
import { createLogger, type Logger, type LogLevel } from '../../core/log';
import { type Backend, type BackendOptions, createBackend } from '../../handlers/index';
import { newSecret } from '../../web/access';
import { findRendererDir, startWebServer } from '../../web/index';
import { type CliConfig, type GlobalFlags, resolveConfig } from '../config';
import { cliNetwork } from '../session';

export interface ServeOptions {
  port: number;
  demo: boolean;
  /** The program's global flags (--library, --api-base, --account, --proxy, --cacert). */
  flags: GlobalFlags;
  version: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The built renderer; found beside the CLI bundle or the source tree unless given. */
  rendererDir?: string;
}

export interface Serving {
  url: string;
  backend: Backend;
  close(): Promise<void>;
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Opens the application core with what the browser mode can offer (a token from the
 * environment kept in memory, the emulator as the demo, no folder picker) and serves it.
 */
export async function startServe(options: ServeOptions): Promise<Serving> {
  const env = options.env ?? process.env;
  const config = resolveConfig(options.flags, env);
  const rendererDir = options.rendererDir ?? findRendererDir();
  if (!rendererDir) {
    throw new Error('The app pages are not built (no app/dist/renderer): run `npm run build`.');
  }
  const secret = newSecret();
  const logger = options.logger ?? serveLogger(env, [secret, config.token]);
  const backend = await createBackend(
    backendOptions(config, options.version, env, logger, options.demo),
  );
  try {
    const server = await startWebServer({
      backend,
      rendererDir,
      port: options.port,
      secret,
      logger,
    });
    if (options.demo) await startDemo(backend, logger);
    else reportAccountProblem(backend, logger);
    return {
      url: server.url,
      backend,
      close: async () => {
        await server.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}

function serveLogger(env: NodeJS.ProcessEnv, secrets: (string | undefined)[]): Logger {
  const wanted = env.OFFSTREAM_LOG_LEVEL as LogLevel | undefined;
  const known = secrets.filter((s): s is string => s !== undefined);
  return createLogger({
    level: wanted && levels.includes(wanted) ? wanted : 'info',
    secrets: () => known,
  });
}

/**
 * The account from the environment (unless --demo) is the only one this run may use: if it
 * fails, the page says so rather than showing a connection kept from an earlier run.
 */
export function backendOptions(
  config: CliConfig,
  version: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  demo = false,
): BackendOptions {
  const { accountId, token } = config;
  const explicit = !demo && accountId !== undefined && token !== undefined;
  return {
    configDir: env.OFFSTREAM_CONFIG_DIR ?? dirname(defaultLibraryFolder(process.platform, env)),
    libraryFolder: config.library,
    apiBase: config.apiBase,
    secrets: memorySecretStore(explicit ? token : undefined),
    ...(explicit ? { explicitAccount: { accountId, token } } : {}),
    network: cliNetwork(config, env),
    startDemo: emulatedDemo(logger),
    chooseFolder: async (purpose) => folderFromEnv(purpose, env),
    info: { version, transport: 'http' },
    policy: config.policy,
    logger,
  };
}

/** A browser cannot hand a server a folder; OFFSTREAM_EXPORT_DIR stands in for export/import. */
function folderFromEnv(purpose: FolderPurpose, env: NodeJS.ProcessEnv): string {
  const folder = env.OFFSTREAM_EXPORT_DIR?.trim();
  if (folder && purpose !== 'move-library') return folder;
  throw new ProblemError({
    code: 'cancelled',
    message: 'Nothing was done: the browser mode has no folder picker.',
    action:
      purpose === 'move-library'
        ? 'Start `offstream serve --library <folder>` to use another library folder.'
        : 'Start `offstream serve` with OFFSTREAM_EXPORT_DIR set to the folder to use.',
  });
}

/** --demo opens the demo library; a failure is reported, not fatal (offline kiosks). */
async function startDemo(backend: Backend, logger: Logger): Promise<void> {
  const outcome: Outcome<unknown> = await backend.dispatch('account:demo', {});
  if (!outcome.ok) {
    logger.warn('could not open the demo at start', {
      code: outcome.error.code,
      problem: outcome.error.message,
    });
  }
}

/** The account from the environment could not connect: said on stderr too, with its code. */
function reportAccountProblem(backend: Backend, logger: Logger): void {
  const { problem } = backend.app.accountStatus();
  if (problem) {
    logger.error('the account could not connect', { code: problem.code, problem: problem.message });
  }
}
