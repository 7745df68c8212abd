import type { Command } from 'commander';
import { openLibrary } from '../../core/library/index';
import { importLibrary } from '../../core/library/portable/index';
import { resolveConfig } from '../config';
import { EXIT_OK } from '../exit-codes';
import { cliLogger } from '../session';
import { progressLines } from './export';

/** `offstream import <dir>`: an export enters the library only once every hash checks out. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('verify every file of an export by SHA-256, then add its videos to the library')
    .argument('<dir>', 'a folder written by `offstream export`')
    .option('--json', 'print the summary as one JSON document')
    .action(async (dir: string, options: { json?: boolean }) => {
      const config = resolveConfig(program.opts());
      const library = openLibrary(config.library, { logger: cliLogger(config) });
      try {
        const report = await importLibrary(library, dir, { onProgress: progressLines() });
        if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          process.stderr.write(
            `Imported ${report.imported.length} videos (${report.files} files, ${report.bytes} bytes); ${report.alreadyPresent.length} already present.\n`,
          );
        }
        process.exitCode = EXIT_OK;
      } finally {
        library.close();
      }
    });
}
