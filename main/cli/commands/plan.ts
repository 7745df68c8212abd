import type { Command } from 'commander';
import { planTripFor } from '../../core/app/use-cases/index';
import { VideoUid } from '../../core/stream/ids';
import { resolveConfig } from '../config';
import { EXIT_OK, UsageError } from '../exit-codes';
import { parseReadyBy, printPlan } from '../plan-output';
import { openSession } from '../session';
import { lookUpUnlisted } from './get';

export function checkedUids(uids: string[]): string[] {
  if (uids.length === 0) throw new UsageError('Name at least one video id.');
  const bad = uids.filter((uid) => !VideoUid.safeParse(uid).success);
  if (bad.length > 0) throw new UsageError(`Not a video id (32 lowercase hex): ${bad.join(', ')}`);
  return [...new Set(uids)];
}

/** `offstream plan --by 07:00 <uid…>`: the trip plan alone; downloads nothing. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('estimate which videos will be ready by a time, and in what order to fetch them')
    .argument('<uid...>', 'video ids of the connected account')
    .requiredOption('--by <time>', 'when they must be ready: HH:MM (next such time) or ISO date')
    .option('--json', 'print the plan as one JSON line')
    .action(async (uids: string[], options: { by: string; json?: boolean }) => {
      const wanted = checkedUids(uids);
      const now = Date.now();
      const readyBy = parseReadyBy(options.by, now);
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const unknown = await lookUpUnlisted(
          cli,
          wanted.map((uid) => ({ uid, kind: 'default' as const })),
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
