import { readyByFrom } from '../core/plan/ready-by';
import { errorBand, itemErrorMs, type TripPlan } from '../core/plan/trip-plan';
import { formatTable } from './commands/library';
import { UsageError } from './exit-codes';

const verdicts: Record<TripPlan['items'][number]['verdict'], string> = {
  ready: 'ready in time',
  at_risk: 'ready in time, just',
  audio_instead: 'audio only (the MP4 would not make it)',
  late: 'not in time',
  no_room: 'no room on disk',
  saved: 'already saved',
};

const time = (ms: number) => new Date(ms).toLocaleString();
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** The plan as a JSON line (`{"event":"plan",…}`) or as a table and a summary on stdout. */
export function printPlan(plan: TripPlan, json: boolean): void {
  if (json) {
    const items = plan.items.map((item) => {
      const errorMs = itemErrorMs(plan, item);
      return errorMs === null ? item : { ...item, errorMs };
    });
    process.stdout.write(`${JSON.stringify({ event: 'plan', ...plan, items })}\n`);
    return;
  }
  const cells = plan.items.map((item, index) => [
    String(index + 1),
    item.name,
    item.kind ?? '-',
    item.kind ? `${item.bytesEstimated ? '~' : ''}${megabytes(item.bytes)}` : '-',
    item.finishAt === null
      ? '-'
      : `${time(item.finishAt)} ± ${Math.round(errorBand(plan, item.finishAt) / 1000)} s`,
    verdicts[item.verdict],
  ]);
  process.stdout.write(formatTable(['#', 'NAME', 'KIND', 'SIZE', 'READY AT', 'VERDICT'], cells));
  const { rates } = plan;
  const source = (measured: boolean) => (measured ? 'measured' : 'default');
  process.stdout.write(
    `Ready by ${time(plan.readyBy)}. Link ${megabytes(rates.linkBytesPerSecond)}/s (${source(rates.measured.link)}), ` +
      `preparation ${(rates.prepareMsPerVideoSecond / 1000).toFixed(2)} s per video second (${source(rates.measured.prepare)}); ` +
      `estimates ± ${Math.round(plan.errorFraction * 100)} %.\n`,
  );
}

/** The `--by` value as epoch ms, or a usage error a person can act on. */
export function parseReadyBy(text: string, now: number): number {
  const at = readyByFrom(text, now);
  if (at === undefined) {
    throw new UsageError(`--by: give a time of day as HH:MM, or a future ISO date and time.`);
  }
  return at;
}
