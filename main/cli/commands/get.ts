import type { Command } from 'commander';
import type { Job } from '../../core/library/index';
import { videoFromLink } from '../../core/queue/link-video';
import { type DownloadKind, VideoUid } from '../../core/stream/ids';
import { DeliveryUrlError, parseDeliveryUrl } from '../../core/stream/signed-url';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit-codes';
import {
  barReporter,
  describe,
  type JobReporter,
  jsonReporter,
  lineReporter,
} from '../job-reporter';
import { type CliSession, openSession } from '../session';
import { terminalText } from '../terminal-text';

interface GetOptions {
  audio?: boolean;
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
    .action(async (uids: string[], options: GetOptions) => {
      const wanted = wantedFrom(uids, options);
      const config = resolveConfig(program.opts());
      const session = openSession(config, { account: options.url ? 'optional' : 'required' });
      process.exitCode = await runGet(session, wanted, options);
    });
}

function wantedFrom(uids: string[], options: GetOptions): Wanted[] {
  if (options.url && uids.length > 0) throw new UsageError('Give video ids or --url, not both.');
  if (options.url) {
    try {
      const link = parseDeliveryUrl(options.url);
      const uid = link.subject.kind === 'uid' ? link.subject.uid : link.subject.claims.sub;
      return [{ uid, kind: link.download, link: options.url }];
    } catch (error) {
      // A UsageError is printed before exit 2; commander's own errors end silently here.
      if (error instanceof DeliveryUrlError) throw new UsageError(`--url: ${error.message}`);
      throw error;
    }
  }
  if (uids.length === 0) throw new UsageError('Name at least one video id, or give --url.');
  const bad = uids.filter((uid) => !VideoUid.safeParse(uid).success);
  if (bad.length > 0) throw new UsageError(`Not a video id (32 lowercase hex): ${bad.join(', ')}`);
  const kind: DownloadKind = options.audio ? 'audio' : 'default';
  return [...new Set(uids)].map((uid) => ({ uid, kind }));
}

async function runGet(session: CliSession, wanted: Wanted[], options: GetOptions): Promise<number> {
  const { library, queue } = session;
  const reporter: JobReporter = options.json
    ? jsonReporter()
    : process.stderr.isTTY
      ? barReporter()
      : lineReporter();
  const nameOf = (uid: string) => library.getVideo(uid)?.name ?? uid;
  queue.events.on('job', (job) => reporter.job(job, nameOf(job.uid)));
  queue.events.on('progress', (p) => reporter.progress(p));
  const interrupt = () => {
    reporter.finish();
    process.stderr.write(
      'Stopped. Run the same command again to continue from the bytes on disk.\n',
    );
    void session.close().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  for (const item of wanted) {
    // Asking again for a paused video (say after disk_full) is the person saying "continue".
    if (library.getJob(item.uid, item.kind)?.state === 'paused') queue.resume(item.uid, item.kind);
    if (item.link) {
      if (options.name || !library.getVideo(item.uid)) {
        library.upsertCatalogue([
          videoFromLink(item.uid, options.name ?? `Video ${item.uid.slice(0, 8)}`, new Date()),
        ]);
      }
      queue.addLink(item.uid, item.kind, item.link);
    } else {
      queue.add(item.uid, item.kind);
    }
  }
  const jobs = await queue.settled(wanted);
  reporter.finish();
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);
  const exitCode = summarize(jobs, nameOf, options.json === true);
  await session.close();
  return exitCode;
}

function summarize(jobs: Job[], nameOf: (uid: string) => string, json: boolean): number {
  const failed = jobs.filter((j) => j.state !== 'complete');
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ event: 'done', complete: jobs.length - failed.length, failed: failed.length })}\n`,
    );
  } else {
    for (const job of failed) {
      process.stderr.write(`${terminalText(`✗ ${nameOf(job.uid)}: ${describe(job)}`)}\n`);
    }
    process.stderr.write(`${jobs.length - failed.length} of ${jobs.length} saved.\n`);
  }
  return failed.length === 0 ? EXIT_OK : EXIT_FAILED;
}
