import type { Command } from 'commander';
import type { LibraryFile } from '../../core/app/index';
import { verifyLibrary } from '../../core/app/use-cases/index';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

const brief = ({ uid, role, language, path }: LibraryFile) => ({ uid, role, language, path });

/** `offstream verify`: re-hashes every file; exit 1 when any is missing or damaged. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('re-hash every saved file; missing or damaged ones are offered for re-download')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const report = await verifyLibrary(cli.session);
        const bad = report.missing.length + report.corrupt.length;
        if (options.json) {
          const { checked, missing, corrupt, restored } = report;
          const document = {
            checked,
            missing: missing.map(brief),
            corrupt: corrupt.map(brief),
            restored: restored.map(brief),
          };
          process.stdout.write(`${JSON.stringify(document)}\n`);
        } else {
          const line = (what: string, file: LibraryFile) =>
            process.stdout.write(`${what} ${terminalText(file.path)}\n`);
          for (const file of report.missing) line('missing ', file);
          for (const file of report.corrupt) line('corrupt ', file);
          for (const file of report.restored) line('restored', file);
          process.stderr.write(
            bad === 0
              ? `All ${report.checked} files are intact.\n`
              : `${bad} of ${report.checked} files are missing or damaged; save those videos again (offstream get).\n`,
          );
        }
        process.exitCode = bad === 0 ? EXIT_OK : EXIT_FAILED;
      } finally {
        await cli.close();
      }
    });
}
