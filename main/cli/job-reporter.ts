import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Job, JobProgress } from '../core/app/index';
import type { LibrarySession } from '../core/app/library-session';
import { terminalText } from './terminal-text';

/**
 * How `get` and `sync` show their jobs: bars on a terminal, JSON lines for scripts, plain lines
 * otherwise.
 */
export interface JobReporter {
  job(job: Job, name: string): void;
  progress(progress: JobProgress): void;
  finish(): void;
}

/** A video's name as the library lists it, else its uid (the catalogue may not know it yet). */
export function videoNamer({ library }: LibrarySession): (uid: string) => string {
  return (uid) => library.getVideo(uid)?.name ?? uid;
}

/** Shows every job of the session's queue, and its progress, through the reporter. */
export function reportJobs(session: LibrarySession, reporter: JobReporter): void {
  const nameOf = videoNamer(session);
  session.queue.events.on('job', (job) => reporter.job(job, nameOf(job.uid)));
  session.queue.events.on('progress', (p) => reporter.progress(p));
}

export function jsonReporter(
  write = (line: string) => process.stdout.write(`${line}\n`),
): JobReporter {
  return {
    job: (job, name) => write(JSON.stringify({ event: 'job', name, ...pickJob(job) })),
    progress: (p) => write(JSON.stringify({ event: 'progress', ...p })),
    finish: () => {},
  };
}

export function lineReporter(
  write = (line: string) => process.stderr.write(`${line}\n`),
): JobReporter {
  return {
    job: (job, name) => write(terminalText(`${name} [${job.kind}]: ${describe(job)}`)),
    progress: () => {},
    finish: () => {},
  };
}

export function barReporter(): JobReporter {
  const bars = new MultiBar(
    {
      format: ' {bar} {percentage}% | {name} | {status}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const byJob = new Map<string, SingleBar>();
  const names = new Map<string, string>();
  const barOf = (key: string) => {
    let bar = byJob.get(key);
    if (!bar) {
      bar = bars.create(100, 0, { name: terminalText(names.get(key) ?? key), status: 'queued' });
      byJob.set(key, bar);
    }
    return bar;
  };
  return {
    job: (job, name) => {
      const key = `${job.uid}:${job.kind}`;
      names.set(key, name);
      const bar = barOf(key);
      const percent =
        job.state === 'complete'
          ? 100
          : job.bytesTotal
            ? (job.bytesDone / job.bytesTotal) * 100
            : 0;
      bar.update(Math.floor(percent), {
        name: terminalText(name),
        status: terminalText(describe(job)),
      });
    },
    progress: (p) => {
      const bar = barOf(`${p.uid}:${p.kind}`);
      if (p.percentPrepared !== undefined) {
        bar.update(0, { status: `Cloudflare is preparing it: ${Math.round(p.percentPrepared)}%` });
        return;
      }
      const percent = p.total ? Math.floor((p.bytesDone / p.total) * 100) : 0;
      bar.update(percent, { status: transferStatus(p) });
    },
    finish: () => bars.stop(),
  };
}

function transferStatus(p: JobProgress): string {
  const rate = `${(p.bytesPerSecond / (1024 * 1024)).toFixed(1)} MB/s`;
  const left = p.etaSeconds === undefined ? '' : ` · ${formatDuration(p.etaSeconds)} left`;
  return `downloading · ${rate}${left}`;
}

export function describe(job: Job): string {
  switch (job.state) {
    case 'failed':
      return `failed [${job.errorCode}]: ${job.errorMessage} ${job.errorAction ?? ''}`.trim();
    case 'waiting': {
      const seconds = Math.max(
        0,
        Math.ceil(((job.nextAttemptAt ?? Date.now()) - Date.now()) / 1000),
      );
      return `waiting (${job.errorMessage ?? 'will retry'}) · next try in ${seconds}s`;
    }
    case 'paused':
      return job.errorCode
        ? `paused [${job.errorCode}]: ${job.errorMessage} ${job.errorAction ?? ''}`
        : 'paused';
    case 'preparing':
      return `Cloudflare is preparing it: ${Math.round(job.percentPrepared ?? 0)}%`;
    default:
      return job.state;
  }
}

/** What a --json line says of a job: its state and problem, not its internal bookkeeping. */
const reportedFields = [
  'uid',
  'kind',
  'state',
  'bytesDone',
  'bytesTotal',
  'errorCode',
  'errorMessage',
  'errorAction',
  'nextAttemptAt',
] as const satisfies readonly (keyof Job)[];

function pickJob(job: Job): Pick<Job, (typeof reportedFields)[number]> {
  return Object.fromEntries(reportedFields.map((field) => [field, job[field]])) as Pick<
    Job,
    (typeof reportedFields)[number]
  >;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
