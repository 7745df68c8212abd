import type { Command } from 'commander';
import { appErrors, type Job } from '../../core/app/index';
import type { LibrarySession } from '../../core/app/library-session';
import {
  downloadsSettled,
  linkTarget,
  listAccountVideos,
  planTripFor,
  saveFromLink,
  startDownload,
  startTripPlan,
} from '../../core/app/use-cases/index';
import { type DownloadKind, VideoUid } from '../../core/stream/ids';
import { DeliveryUrlError } from '../../core/stream/signed-url';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit-codes';
import {
  barReporter,
  describe,
  type JobReporter,
  jsonReporter,
  lineReporter,
  reportJobs,
  videoNamer,
} from '../job-reporter';
import { parseReadyBy, printPlan } from '../plan-output';
import { type CliSession, openSession } from '../session';
import { terminalText } from '../terminal-text';

interface GetOptions {
  audio?: boolean;
  by?: string;
  url?: string;
  name?: string;
  json?: boolean;
}

type Wanted = { uid: string; kind: DownloadKind; link?: string };

export function registerGetCommand(program: Command): void {
  program
    .command('get')
    .description('save videos into the library: request, wait until ready, transfer, verify')
    .argument('[uid...]', 'video ids of the connected account')
    .option('--audio', 'save the audio-only M4A instead of the MP4')
    .option('--url <url>', 'save from a signed (or public) delivery link; needs no API token')
    .option('--name <name>', 'name to show for a video saved from a link')
    .option('--json', 'one JSON line per event on stdout')
    .option(
      '--by <time>',
      'plan for a time (HH:MM or ISO): print the trip plan, fetch in its order, M4A where the MP4 would not make it',
    )
    .action(async (uids: string[], options: GetOptions) => {
      const wanted = wantedFrom(uids, options);
      if (options.by && (options.url || options.audio)) {
        throw new UsageError('--by plans videos of the account: not with --url or --audio.');
      }
      const readyBy = options.by ? parseReadyBy(options.by, Date.now()) : undefined;
      const config = resolveConfig(program.opts());
      const session = openSession(config, { account: options.url ? 'optional' : 'required' });
      process.exitCode = await runGet(session, wanted, options, readyBy);
    });
}

function wantedFrom(uids: string[], options: GetOptions): Wanted[] {
  if (options.url && uids.length > 0) throw new UsageError('Give video ids or --url, not both.');
  if (options.url) {
    try {
      return [{ ...linkTarget(options.url), link: options.url }];
    } catch (error) {
      // A UsageError is printed before exit 2; commander's own errors end silently here.
      if (error instanceof DeliveryUrlError) throw new UsageError(`--url: ${error.message}`);
      throw error;
    }
  }
  if (uids.length === 0) throw new UsageError('Name at least one video id, or give --url.');
  const kind: DownloadKind = options.audio ? 'audio' : 'default';
  return checkedVideoIds(uids).map((uid) => ({ uid, kind }));
}

/** Video ids typed on the command line: each must be one, and each counts once. */
export function checkedVideoIds(uids: string[]): string[] {
  const bad = uids.filter((uid) => !VideoUid.safeParse(uid).success);
  if (bad.length > 0) throw new UsageError(`Not a video id (32 lowercase hex): ${bad.join(', ')}`);
  return [...new Set(uids)];
}

async function runGet(
  cli: CliSession,
  wanted: Wanted[],
  options: GetOptions,
  readyBy: number | undefined,
): Promise<number> {
  const { session } = cli;
  const reporter: JobReporter = options.json
    ? jsonReporter()
    : process.stderr.isTTY
      ? barReporter()
      : lineReporter();
  const nameOf = videoNamer(session);
  reportJobs(session, reporter);
  const interrupt = () => {
    reporter.finish();
    process.stderr.write(
      'Stopped. Run the same command again to continue from the bytes on disk.\n',
    );
    void cli.close().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const unknown = await lookUpUnlisted(cli, wanted);
  const known = wanted.filter((item) => !unknown.includes(item.uid));
  const started =
    readyBy === undefined
      ? startEach(session, known, options)
      : await startPlanned(session, known, readyBy, options.json === true);
  const jobs = await downloadsSettled(session, started, { pauseWaitsForRoom: true });
  reporter.finish();
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);
  const exitCode = summarize(jobs, unknown, nameOf, options.json === true);
  await cli.close();
  return exitCode;
}

function startEach(session: LibrarySession, wanted: Wanted[], options: GetOptions): Wanted[] {
  for (const item of wanted) {
    if (item.link) saveFromLink(session, { url: item.link, name: options.name, now: new Date() });
    else startDownload(session, item);
  }
  return wanted;
}

/** `--by`: prints the trip plan and starts what it keeps, in its order, as it chose (MP4/M4A). */
async function startPlanned(
  session: LibrarySession,
  wanted: Wanted[],
  readyBy: number,
  json: boolean,
): Promise<Wanted[]> {
  const uids = wanted.map((item) => item.uid);
  const plan = await planTripFor(session, { uids, readyBy, now: Date.now() });
  printPlan(plan, json);
  startTripPlan(session, plan);
  return plan.items.flatMap((item) => (item.kind ? [{ uid: item.uid, kind: item.kind }] : []));
}

/**
 * Videos named by id that the local catalogue does not list yet are looked up on the account in
 * one call; answers the ids the account does not have either.
 */
export async function lookUpUnlisted(
  cli: CliSession,
  wanted: readonly { uid: string; link?: string }[],
): Promise<string[]> {
  const { session, stream } = cli;
  const ids = wanted.filter((w) => !w.link && !session.library.getVideo(w.uid)).map((w) => w.uid);
  if (ids.length === 0 || !stream) return ids;
  const found = await listAccountVideos(session, stream, { ids });
  return ids.filter((uid) => !found.some((video) => video.uid === uid));
}

function summarize(
  jobs: Job[],
  unknown: string[],
  nameOf: (uid: string) => string,
  json: boolean,
): number {
  const failed = jobs.filter((j) => j.state !== 'complete');
  const total = jobs.length + unknown.length;
  const complete = jobs.length - failed.length;
  const notFound = appErrors.videoNotFound('');
  if (json) {
    for (const uid of unknown) {
      const event = {
        event: 'job',
        name: uid,
        uid,
        state: 'failed',
        errorCode: notFound.code,
        errorMessage: 'The Cloudflare account has no such video.',
      };
      process.stdout.write(`${JSON.stringify(event)}\n`);
    }
    const done = { event: 'done', complete, failed: failed.length + unknown.length };
    process.stdout.write(`${JSON.stringify(done)}\n`);
  } else {
    for (const uid of unknown) {
      process.stderr.write(
        `✗ ${uid}: failed [${notFound.code}]: The Cloudflare account has no such video.\n`,
      );
    }
    for (const job of failed) {
      process.stderr.write(`${terminalText(`✗ ${nameOf(job.uid)}: ${describe(job)}`)}\n`);
    }
    process.stderr.write(`${complete} of ${total} saved.\n`);
  }
  return failed.length + unknown.length === 0 ? EXIT_OK : EXIT_FAILED;
}
