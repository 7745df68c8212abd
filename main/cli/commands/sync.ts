import type { Command } from 'commander';
import { problemOf } from '../../core/app/index';
import { type SyncReport, syncProfileFile } from '../../core/app/use-cases/index';
import { systemClock } from '../../core/clock';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { lineReporter, reportJobs } from '../job-reporter';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

/**
 * `offstream sync <profile>`: converges the library to a managed profile and writes the status
 * report. `--json` prints one JSON document last on stdout, also when the sync could not run.
 */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('make the library hold exactly what a managed profile says, then report')
    .argument('<profile>', 'the profile file (JSON; see "Managed library profile" in the README)')
    .option('--json', 'print the outcome as one JSON document on stdout')
    .action(async (file: string, options: { json?: boolean }) => {
      const config = resolveConfig(program.opts());
      // The account is needed only to look videos up; an offline library can still drop some.
      const cli = openSession(config, { account: 'optional' });
      reportJobs(cli.session, lineReporter());
      const context = {
        policy: config.policy,
        appVersion: program.version() ?? '0.0.0',
        clock: systemClock,
        secrets: config.token ? [config.token] : [],
      };
      try {
        const report = await syncProfileFile(cli.session, cli.stream, file, context);
        printReport(report, options.json === true);
        process.exitCode = report.ok ? EXIT_OK : EXIT_FAILED;
      } catch (error) {
        if (options.json) {
          const { code, message } = problemOf(error, context.secrets);
          const failure = { ok: false, downloaded: 0, removed: 0, error: { code, message } };
          process.stdout.write(`${JSON.stringify(failure)}\n`);
        }
        throw error;
      } finally {
        await cli.close();
      }
    });
}

function printReport(report: SyncReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const item of report.failed) {
    const why = item.code ? ` [${item.code}]: ${item.message ?? ''}` : '';
    process.stderr.write(`${terminalText(`✗ ${item.uid} ${item.kind}: ${item.state}${why}`)}\n`);
  }
  for (const setting of report.lockedByPolicy) {
    process.stderr.write(
      `${setting}: set by your organisation; the profile's value was not applied.\n`,
    );
  }
  const { downloaded, removed, kept, items, failed } = report;
  const summary = `${items.length - failed.length} of ${items.length} saved; ${downloaded} downloaded, ${removed} removed, ${kept} kept.`;
  process.stderr.write(`Profile version ${report.profileVersion}: ${summary}\n`);
}
