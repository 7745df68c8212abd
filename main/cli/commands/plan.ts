import type { Command } from 'commander';
import { planTripFor } from '../../core/app/use-cases/index';
import { resolveConfig } from '../config';
import { EXIT_OK, UsageError } from '../exit-codes';
import { parseReadyBy, printPlan } from '../plan-output';
import { openSession } from '../session';
import { checkedVideoIds, lookUpUnlisted } from './get';

/** `offstream plan --by 07:00 <uid…>`: the trip plan alone; downloads nothing. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('estimate which videos will be ready by a time, and in what order to fetch them')
    .argument('<uid...>', 'video ids of the connected account')
    .requiredOption('--by <time>', 'when they must be ready: HH:MM (next such time) or ISO date')
    .option('--json', 'print the plan as one JSON line')
    .action(async (uids: string[], options: { by: string; json?: boolean }) => {
      if (uids.length === 0) throw new UsageError('Name at least one video id.');
      const wanted = checkedVideoIds(uids);
      const now = Date.now();
      const readyBy = parseReadyBy(options.by, now);
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const unknown = await lookUpUnlisted(
          cli,
          wanted.map((uid) => ({ uid })),
        );
        if (unknown.length > 0) throw new UsageError(`No such video: ${unknown.join(', ')}`);
        printPlan(
          await planTripFor(cli.session, { uids: wanted, readyBy, now }),
          options.json === true,
        );
      } finally {
        await cli.close();
      }
      process.exitCode = EXIT_OK;
    });
}
