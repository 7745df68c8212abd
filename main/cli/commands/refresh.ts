import type { Command } from 'commander';
import { recheckSavedVideos } from '../../core/app/use-cases/index';
import { systemClock } from '../../core/clock';
import { ConfigError, resolveConfig } from '../config';
import { EXIT_OK } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

/**
 * `offstream refresh`: re-checks the saved videos against the account now (renames, private,
 * scheduled deletions, deletions; the library's upstreamDeleted setting decides what a deletion
 * does), then applies the expiries that have come.
 */
export function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description('re-check the saved videos against the account now')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const cli = openSession(resolveConfig(program.opts()), { account: 'required' });
      try {
        // 'required' already refused a missing account; this only narrows the type, loudly.
        if (!cli.stream) throw new ConfigError('No Cloudflare account to re-check against.');
        const report = await recheckSavedVideos(cli.session, cli.stream, systemClock);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
        } else {
          const name = (uid: string) =>
            terminalText(cli.session.library.getVideo(uid)?.name ?? uid);
          for (const r of report.renamed) {
            process.stdout.write(
              `renamed  ${r.uid}  ${terminalText(r.from)} -> ${terminalText(r.to)}\n`,
            );
          }
          for (const uid of report.madePrivate)
            process.stdout.write(`private  ${uid}  ${name(uid)}\n`);
          for (const uid of report.expiring)
            process.stdout.write(`expiring ${uid}  ${name(uid)}\n`);
          for (const uid of report.deleted) process.stdout.write(`deleted  ${uid}  ${name(uid)}\n`);
          for (const uid of report.expired) process.stdout.write(`expired  ${uid}  ${name(uid)}\n`);
          const later =
            report.deferred > 0 ? `; ${report.deferred} left for later (rate limit)` : '';
          process.stderr.write(
            `Checked ${report.checked} saved videos against the account${later}. Deleted upstream: ${report.policy}.\n`,
          );
        }
        process.exitCode = EXIT_OK;
      } finally {
        await cli.close();
      }
    });
}
