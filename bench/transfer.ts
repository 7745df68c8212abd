import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, statfs } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mediaPath } from '../main/core/library/paths';
import { type EmulatorInfo, startEmulatorChild } from './emulator-client';
import { measureProcess, type ProcessRun, rssMethod } from './measure-process';
import { median, print, table, verdict } from './stats';

/**
 * `offstream get` against `curl` on the same emulator URL: wall time, throughput and the
 * CLI's peak RSS. Targets (from the issue): offstream ≤ 1.05× curl, peak RSS < 150 MB.
 */
interface Options {
  size: number;
  runs: number;
  dir: string;
  cli: string;
}

const MiB = 1024 * 1024;
const MB = 1_000_000;
const targetRatio = 1.05;
const targetRssBytes = 150 * MB;
/** What `offstream` itself keeps free beyond the file (transfer.ts reserveBytes), plus slack. */
const diskHeadroom = 64 * MiB + 256 * MiB;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      runs: { type: 'string' },
      dir: { type: 'string' },
      cli: { type: 'string' },
    },
  });
  const env = process.env;
  return {
    size: parseSize(values.size ?? env.OFFSTREAM_BENCH_SIZE ?? '2GiB'),
    runs: Math.max(1, Number(values.runs ?? env.OFFSTREAM_BENCH_RUNS ?? 3)),
    dir: resolve(values.dir ?? env.OFFSTREAM_BENCH_DIR ?? tmpdir()),
    cli: resolve(values.cli ?? 'app/dist/cli/offstream.js'),
  };
}

/** `2GiB`, `512MiB`, `100MB` or a plain byte count. */
function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(GiB|MiB|KiB|GB|MB|KB|B)?$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: ${text} (try 2GiB, 512MiB or a byte count)`);
  const units: Record<string, number> = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    kib: 1024,
    mib: MiB,
    gib: 1024 * MiB,
  };
  return Math.round(Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1));
}

async function checkPrerequisites(options: Options): Promise<void> {
  if (!existsSync(options.cli)) {
    throw new Error(
      `No CLI at ${options.cli}: run \`npx vite build --config main/cli/vite.config.ts\` first.`,
    );
  }
  if (spawnSync('curl', ['--version']).status !== 0) throw new Error('curl is not installed.');
  await mkdir(options.dir, { recursive: true });
  const fs = await statfs(options.dir);
  const free = fs.bavail * fs.bsize;
  const needed = options.size + diskHeadroom;
  if (free < needed) {
    throw new Error(
      `Not enough free space in ${options.dir}: ${mib(needed)} needed (one copy at a time), ${mib(free)} free.`,
    );
  }
}

interface Sample {
  run: ProcessRun;
  bytes: number;
}

async function runOffstream(
  options: Options,
  emulator: EmulatorInfo,
  uid: string,
  work: string,
): Promise<Sample> {
  const library = await mkdtemp(join(work, 'library-'));
  try {
    const run = await measureProcess(process.execPath, [options.cli, 'get', uid, '--json'], {
      ...process.env,
      OFFSTREAM_LIBRARY: library,
      OFFSTREAM_API_BASE: emulator.api,
      OFFSTREAM_ACCOUNT_ID: emulator.account,
      OFFSTREAM_API_TOKEN: emulator.token,
    });
    const done = run.stdout.split('\n').find((line) => line.includes('"event":"done"'));
    if (run.code !== 0 || !done || JSON.parse(done).complete !== 1) {
      throw new Error(`offstream get failed (exit ${run.code}): ${run.stderr || run.stdout}`);
    }
    return { run, bytes: (await stat(join(library, mediaPath(uid, 'default')))).size };
  } finally {
    await rm(library, { recursive: true, force: true });
    settleDisk();
  }
}

async function runCurl(url: string, work: string): Promise<Sample> {
  const file = join(work, 'curl.mp4');
  try {
    const run = await measureProcess('curl', ['-sS', '-o', file, url]);
    if (run.code !== 0) throw new Error(`curl failed (exit ${run.code}): ${run.stderr}`);
    return { run, bytes: (await stat(file)).size };
  } finally {
    await rm(file, { force: true });
    settleDisk();
  }
}

/** Each run starts with no dirty pages of the previous one still being written back. */
function settleDisk(): void {
  spawnSync('sync');
}

/** A throwaway range first, so neither contender pays for the emulator's JIT warm-up. */
async function warmUp(url: string, size: number): Promise<void> {
  const end = Math.min(size, 256 * MiB) - 1;
  await measureProcess('curl', ['-sS', '-r', `0-${end}`, '-o', '/dev/null', url]);
}

function checkBytes(name: string, sample: Sample, size: number): Sample {
  if (sample.bytes !== size) throw new Error(`${name} saved ${sample.bytes} of ${size} bytes.`);
  return sample;
}

function report(options: Options, offstream: Sample[], curl: Sample[]): void {
  const seconds = (s: Sample) => s.run.wallMs / 1000;
  const rate = (s: Sample) => (options.size / MB / seconds(s)).toFixed(0);
  const rss = (s: Sample) => (s.run.peakRssBytes / MB).toFixed(1);
  const cpu = (s: Sample) => s.run.cpuSeconds?.toFixed(2) ?? 'n/a';
  const columns = (s: Sample) => [seconds(s).toFixed(2), cpu(s), rate(s), rss(s)];
  const rows = offstream.map((o, i) => [`${i + 1}`, ...columns(o), ...columns(curl[i] as Sample)]);
  print(
    table(
      [
        'run',
        'offstream s',
        'cpu s',
        'MB/s',
        'peak RSS MB',
        'curl s',
        'cpu s',
        'MB/s',
        'peak RSS MB',
      ],
      rows,
    ),
  );
  const offMedian = median(offstream.map(seconds));
  const curlMedian = median(curl.map(seconds));
  const ratio = offMedian / curlMedian;
  const peak = Math.max(...offstream.map((s) => s.run.peakRssBytes));
  print();
  print(
    `median offstream      ${offMedian.toFixed(2)} s (${(options.size / MB / offMedian).toFixed(0)} MB/s)`,
  );
  print(
    `median curl           ${curlMedian.toFixed(2)} s (${(options.size / MB / curlMedian).toFixed(0)} MB/s)`,
  );
  print(
    `ratio offstream/curl  ${ratio.toFixed(3)}  target ≤ ${targetRatio}: ${verdict(ratio <= targetRatio)}`,
  );
  print(
    `offstream peak RSS    ${(peak / MB).toFixed(1)} MB  target < ${targetRssBytes / MB} MB: ${verdict(peak < targetRssBytes)}`,
  );
}

/** One thread's SHA-256 rate: offstream hashes as it streams, so it cannot beat size / rate. */
function sha256Rate(): number {
  const block = Buffer.alloc(MiB, 0x5a);
  const digest = createHash('sha256');
  const started = performance.now();
  for (let i = 0; i < 256; i += 1) digest.update(block);
  digest.digest();
  return (256 * MiB) / MB / ((performance.now() - started) / 1000);
}

function describeSetup(options: Options): void {
  const curlVersion = execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  print(`transfer bench: ${options.size} bytes (${mib(options.size)}), ${options.runs} runs each`);
  print(`node ${process.version}, ${cpus().length} CPUs, ${curlVersion}`);
  print(`files in ${options.dir}; peak RSS by ${rssMethod}`);
  const hashRate = sha256Rate();
  print(
    `SHA-256 in one thread here: ${hashRate.toFixed(0)} MB/s, so hashing alone needs ${(options.size / MB / hashRate).toFixed(1)} s`,
  );
  print(`load average before: ${loadAverage()}`);
  print(
    'MB = 10^6 bytes. offstream: SHA-256 while streaming, MP4 check, fsync, rename. curl: -sS -o.',
  );
  print();
}

async function main(): Promise<void> {
  const options = parseOptions();
  await checkPrerequisites(options);
  describeSetup(options);
  const work = await mkdtemp(join(options.dir, 'offstream-bench-'));
  const emulator = await startEmulatorChild().catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    throw error;
  });
  const cleanUp = () => {
    emulator.kill();
    rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const uid = await emulator.addSyntheticVideo(options.size, 'Transfer bench');
    const url = await emulator.readyDownload(uid);
    await warmUp(url, options.size);
    const offstream: Sample[] = [];
    const curl: Sample[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      offstream.push(
        checkBytes(
          'offstream',
          await runOffstream(options, emulator.info, uid, work),
          options.size,
        ),
      );
      curl.push(checkBytes('curl', await runCurl(url, work), options.size));
      print(`run ${i + 1}/${options.runs} done`);
    }
    print();
    report(options, offstream, curl);
    print(`load average after: ${loadAverage()} (other work on the machine slows both sides)`);
  } finally {
    await emulator.stop();
    cleanUp();
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(0)} MiB`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
