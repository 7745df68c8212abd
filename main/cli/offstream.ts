import { Command, CommanderError } from 'commander';
import { registerEmulatorCommand } from './commands/emulator';
import { EXIT_USAGE } from './exit-codes';

const program = new Command()
  .name('offstream')
  .description('Save Cloudflare Stream videos for offline viewing')
  .version(process.env.npm_package_version ?? '0.1.0')
  .exitOverride()
  .showHelpAfterError();

registerEmulatorCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
