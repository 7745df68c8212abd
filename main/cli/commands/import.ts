import type { Command } from 'commander';
import { type ImportReport, importLibrary } from '../../core/app/use-cases/index';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';
import { progressLines } from './export';

function printSummary(report: ImportReport): void {
  for (const conflict of report.conflicts) {
    process.stderr.write(`${terminalText(`✗ [${conflict.code}] ${conflict.message}`)}\n`);
  }
  process.stderr.write(
    `Imported ${report.imported.length} videos (${report.files} files, ${report.bytes} bytes); ${report.alreadyPresent.length} already present; ${report.conflicts.length} left out.\n`,
  );
}

/**
 * `offstream import <dir>`: an export enters the library only once every hash checks out. A
 * video whose files the library holds with other bytes is left out (exit 1) unless --replace.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('verify every file of an export by SHA-256, then add its videos to the library')
    .argument('<dir>', 'a folder written by `offstream export`')
    .option('--replace', "replace the library's files where the export holds other bytes")
    .option('--json', 'print the summary as one JSON document')
    .action(async (dir: string, options: { json?: boolean; replace?: boolean }) => {
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const report = await importLibrary(cli.session, dir, {
          onProgress: progressLines(),
          replace: options.replace === true,
        });
        if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else printSummary(report);
        process.exitCode = report.conflicts.length === 0 ? EXIT_OK : EXIT_FAILED;
      } finally {
        await cli.close();
      }
    });
}
