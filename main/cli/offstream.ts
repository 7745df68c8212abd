import { Command, CommanderError } from 'commander';
import { AppError, isLibraryError } from '../core/app/index';
import { isStreamApiError } from '../core/stream/errors';
import { registerEmulatorCommand } from './commands/emulator';
import { registerExportCommand } from './commands/export';
import { registerGetCommand } from './commands/get';
import { registerImportCommand } from './commands/import';
import { registerLibraryCommand } from './commands/library';
import { registerPlanCommand } from './commands/plan';
import { registerRefreshCommand } from './commands/refresh';
import { registerRemoveCommand } from './commands/remove';
import { registerServeCommand } from './commands/serve-command';
import { registerSyncCommand } from './commands/sync';
import { registerVerifyCommand } from './commands/verify';
import { registerVideosCommand } from './commands/videos';
import { ConfigError } from './config';
import { EXIT_FAILED, EXIT_USAGE, UsageError } from './exit-codes';
import { terminalText } from './terminal-text';

/** Codes that mean "nothing was attempted": they end like usage errors (exit 2). */
const refusals = new Set<string>(['setting_locked', 'profile_unreadable', 'profile_invalid']);

const program = new Command()
  .name('offstream')
  .description('Save Cloudflare Stream videos for offline viewing')
  .version(process.env.npm_package_version ?? '0.1.0')
  .option('--library <dir>', 'library folder (else OFFSTREAM_LIBRARY, else the per-user default)')
  .option('--api-base <url>', 'Cloudflare API base (else OFFSTREAM_API_BASE)')
  .option('--account <id>', 'Cloudflare account id (else OFFSTREAM_ACCOUNT_ID)')
  .option(
    '--proxy <url>',
    'proxy for every request: http(s)://host:port, socks5://host:port, "none" or "system" (else the library setting, then HTTPS_PROXY/HTTP_PROXY/NO_PROXY)',
  )
  .option(
    '--cacert <file>',
    'PEM certificates to trust besides the usual ones (like NODE_EXTRA_CA_CERTS)',
  )
  .addHelpText(
    'after',
    '\nThe API token is read from OFFSTREAM_API_TOKEN only (a flag would show in `ps`); a proxy password\nfrom HTTPS_PROXY (http://user:password@host:port) or OFFSTREAM_PROXY_PASSWORD.',
  )
  .exitOverride()
  // Commander echoes what was typed: escape it like every other line we print.
  .configureOutput({ outputError: (text, write) => write(terminalText(text, { lines: true })) })
  .showHelpAfterError();

registerGetCommand(program);
registerVideosCommand(program);
registerPlanCommand(program);
registerLibraryCommand(program);
registerVerifyCommand(program);
registerRefreshCommand(program);
registerRemoveCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerServeCommand(program);
registerSyncCommand(program);
registerEmulatorCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`offstream: ${terminalText(error.message, { lines: true })}`);
    process.exit(EXIT_USAGE);
  }
  const coded = isStreamApiError(error) || isLibraryError(error) || error instanceof AppError;
  const code = coded ? ` [${error.code}]` : '';
  const message = error instanceof Error ? error.message : String(error);
  console.error(`offstream${code}: ${terminalText(message, { lines: true })}`);
  // Refused before anything was attempted, like a usage error.
  process.exit(error instanceof AppError && refusals.has(error.code) ? EXIT_USAGE : EXIT_FAILED);
});
