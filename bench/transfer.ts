import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, statfs } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSteeredEmulator } from '../main/core/emulator/steering';
import { measureProcess, rssMethod } from './measure-process';
import { median, print, table, verdict } from './stats';
import { type ContenderName, runContender, type Sample, type Target } from './transfer-contenders';

/**
 * `offstream get` against `curl -o` (and against curl piped into `openssl dgst -sha256`, the
 * same work by standard tools) on the same emulator URL: wall time, CPU, peak RSS, first as fast
 * as loopback goes, then at a network link's speed. Targets (from the issue): offstream ≤ 1.05×
 * curl, peak RSS < 150 MB.
 */
interface Options {
  size: number;
  runs: number;
  dir: string;
  cli: string;
  /** Bytes per second of the link scenario; 0 skips it. */
  linkRate: number;
}

// Bundled beside transfer.js by bench/vite.config.ts.
const emulatorScript = fileURLToPath(new URL('./emulator-process.js', import.meta.url));
const contenders: readonly ContenderName[] = ['offstream', 'curl', 'curl+sha256'];

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
      'link-rate': { type: 'string' },
    },
  });
  const env = process.env;
  return {
    size: parseSize(values.size ?? env.OFFSTREAM_BENCH_SIZE ?? '2GiB'),
    runs: Math.max(1, Number(values.runs ?? env.OFFSTREAM_BENCH_RUNS ?? 3)),
    dir: resolve(values.dir ?? env.OFFSTREAM_BENCH_DIR ?? tmpdir()),
    cli: resolve(values.cli ?? 'app/dist/cli/offstream.js'),
    linkRate: parseSize(values['link-rate'] ?? env.OFFSTREAM_BENCH_LINK_RATE ?? '125MB'),
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
  const tools = [
    ['curl', '--version'],
    ['openssl', 'version'],
  ] as const;
  for (const [tool, probe] of tools) {
    if (spawnSync(tool, [probe]).error) throw new Error(`${tool} is not installed.`);
  }
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

/** A throwaway range first, so no contender pays for the emulator's JIT warm-up. */
async function warmUp(url: string, size: number): Promise<void> {
  const end = Math.min(size, 256 * MiB) - 1;
  await measureProcess('curl', ['-sS', '-r', `0-${end}`, '-o', '/dev/null', url]);
}

type Results = Record<ContenderName, Sample[]>;

/** Alternates the contenders run by run, so a slow spell of the machine hits all of them. */
async function runScenario(options: Options, target: Target): Promise<Results> {
  const results: Results = { offstream: [], curl: [], 'curl+sha256': [] };
  for (let i = 0; i < options.runs; i += 1) {
    for (const name of contenders) {
      const sample = await runContender(name, target);
      if (sample.bytes !== options.size) {
        throw new Error(`${name} saved ${sample.bytes} of ${options.size} bytes.`);
      }
      results[name].push(sample);
    }
    print(`  run ${i + 1}/${options.runs} done`);
  }
  checkDigests(results);
  return results;
}

/** offstream's SHA-256 must be openssl's: a fast wrong digest would be worth nothing. */
function checkDigests(results: Results): void {
  const digests = new Set(
    [...results.offstream, ...results['curl+sha256']].map((sample) => sample.sha256),
  );
  if (digests.size !== 1) throw new Error(`The SHA-256 digests disagree: ${[...digests]}`);
}

const seconds = (s: Sample) => s.run.wallMs / 1000;

function reportScenario(options: Options, results: Results): { ratio: number; peak: number } {
  const rows = contenders.map((name) => {
    const samples = results[name];
    const wall = median(samples.map(seconds));
    const cpu = median(samples.map((s) => s.run.cpuSeconds ?? Number.NaN));
    const peak = Math.max(...samples.map((s) => s.run.peakRssBytes));
    return [
      name,
      samples.map((s) => seconds(s).toFixed(2)).join(' '),
      wall.toFixed(2),
      (options.size / MB / wall).toFixed(0),
      Number.isNaN(cpu) ? 'n/a' : cpu.toFixed(2),
      (peak / MB).toFixed(1),
    ];
  });
  print(table(['contender', 'runs (s)', 'median s', 'MB/s', 'cpu s', 'peak RSS MB'], rows));
  const wall = (name: ContenderName) => median(results[name].map(seconds));
  const ratio = wall('offstream') / wall('curl');
  print(`ratio offstream / curl              ${ratio.toFixed(3)}`);
  print(
    `ratio offstream / (curl + sha256)   ${(wall('offstream') / wall('curl+sha256')).toFixed(3)}`,
  );
  print(`ratio (curl + sha256) / curl        ${(wall('curl+sha256') / wall('curl')).toFixed(3)}`);
  return { ratio, peak: Math.max(...results.offstream.map((s) => s.run.peakRssBytes)) };
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
    'MB = 10^6 bytes. offstream get: SHA-256 while streaming, MP4 check, fsync, rename. ' +
      'curl: -sS -o. curl+sha256: curl -sS | tee <file> | openssl dgst -sha256.',
  );
  print();
}

async function main(): Promise<void> {
  const options = parseOptions();
  await checkPrerequisites(options);
  describeSetup(options);
  const work = await mkdtemp(join(options.dir, 'offstream-bench-'));
  const emulator = await startSteeredEmulator(emulatorScript).catch((error: unknown) => {
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
    const target = { cli: options.cli, emulator: emulator.info, uid, url, work };
    const verdicts: string[] = [];
    let peak = 0;
    for (const scenario of scenarios(options)) {
      print(`${scenario.name}: ${scenario.about}`);
      const rate = scenario.bytesPerSecond;
      await emulator.setDeliveryFaults(rate ? { bytesPerSecond: rate } : undefined);
      const outcome = reportScenario(options, await runScenario(options, target));
      peak = Math.max(peak, outcome.peak);
      verdicts.push(
        `${scenario.name.padEnd(9)} offstream/curl ${outcome.ratio.toFixed(3)}, target ≤ ${targetRatio}: ${verdict(outcome.ratio <= targetRatio)}`,
      );
      print();
    }
    for (const line of verdicts) print(line);
    print(
      `offstream peak RSS ${(peak / MB).toFixed(1)} MB, target < ${targetRssBytes / MB} MB: ${verdict(peak < targetRssBytes)}`,
    );
    print(`load average after: ${loadAverage()} (other work on the machine slows every contender)`);
  } finally {
    await emulator.stop();
    cleanUp();
  }
}

interface Scenario {
  name: string;
  about: string;
  bytesPerSecond: number | null;
}

/** Loopback as fast as the machine goes, then (unless --link-rate 0) a link-speed cap. */
function scenarios(options: Options): Scenario[] {
  const loopback = {
    name: 'loopback',
    about: "no cap: the emulator, the contender and its hashing share this machine's cores",
    bytesPerSecond: null,
  };
  if (options.linkRate === 0) return [loopback];
  const rate = options.linkRate;
  const link = {
    name: 'link',
    about: `each response capped at ${(rate / MB).toFixed(0)} MB/s (${((rate * 8) / 1e9).toFixed(2)} Gbit/s), like a fast network`,
    bytesPerSecond: rate,
  };
  return [loopback, link];
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
