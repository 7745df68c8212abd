import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, statfs } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type SteeredEmulator, startSteeredEmulator } from '../main/core/emulator/steering';
import { settingsSchema } from '../main/core/library/settings-schema';
import { measureProcess, rssMethod } from './measure-process';
import { median, print, table, verdict } from './stats';
import {
  aria2Args,
  type ContenderName,
  runContender,
  type Sample,
  type Target,
} from './transfer-contenders';
import { measureKills } from './transfer-kills';

/**
 * `offstream get` against `curl -o`, `aria2c -x4 -s4` and curl piped into `openssl dgst -sha256`
 * (the same work by standard tools) on the same emulator URL: wall time, CPU, peak RSS. Three
 * scenarios: each connection capped (a hotel or mobile link that shapes every connection; the
 * issue's), as fast as loopback goes, and each connection at a fast network's speed. Then
 * offstream killed at a few points of a capped transfer: the bytes it fetched twice.
 */
interface Options {
  size: number;
  runs: number;
  dir: string;
  cli: string;
  /** Bytes per second of the link scenario; 0 skips it. */
  linkRate: number;
  /** File size of the per-connection scenario. */
  connectionSize: number;
  /** Bytes per second each connection gets in the per-connection scenario; 0 skips it. */
  connectionRate: number;
  /** Kills of the kill measurement; 0 skips it. */
  kills: number;
  /** Scenarios to run (all by default). */
  only: readonly ScenarioName[];
}

type ScenarioName = 'connection' | 'loopback' | 'link';

// Bundled beside transfer.js by bench/vite.config.ts.
const emulatorScript = fileURLToPath(new URL('./emulator-process.js', import.meta.url));

const MiB = 1024 * 1024;
const MB = 1_000_000;
const targetRatio = 1.05;
const targetRssBytes = 150 * MB;
/** Per-connection scenario: offstream at least this many times faster than curl… */
const targetSpeedUp = 3.5;
/** …and no slower than aria2 -x4. */
const targetVsAria2 = 1.0;
/** offstream's default "Connections per download". */
const defaultConnections = settingsSchema.connectionsPerDownload.parse(undefined);
/** What the README recorded before segmented transfers (three bench runs). */
const before: Record<'loopback' | 'link', string> = {
  loopback: '1.71–1.74',
  link: '1.032–1.046',
};
const targetTwicePerKill = MiB;
/** What `offstream` itself keeps free beyond the file (transfer.ts reserveBytes), plus slack. */
const diskHeadroom = 64 * MiB + 256 * MiB;

function parseOptions(): Options {
  const env = process.env;
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      runs: { type: 'string' },
      dir: { type: 'string' },
      cli: { type: 'string' },
      'link-rate': { type: 'string' },
      'connection-size': { type: 'string' },
      'connection-rate': { type: 'string' },
      kills: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const only = (values.only ?? env.OFFSTREAM_BENCH_ONLY ?? 'connection,loopback,link')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is ScenarioName => ['connection', 'loopback', 'link'].includes(name));
  return {
    size: parseSize(values.size ?? env.OFFSTREAM_BENCH_SIZE ?? '2GiB'),
    runs: Math.max(1, Number(values.runs ?? env.OFFSTREAM_BENCH_RUNS ?? 3)),
    dir: resolve(values.dir ?? env.OFFSTREAM_BENCH_DIR ?? tmpdir()),
    cli: resolve(values.cli ?? 'app/dist/cli/offstream.cjs'),
    linkRate: parseSize(values['link-rate'] ?? env.OFFSTREAM_BENCH_LINK_RATE ?? '125MB'),
    connectionSize: parseSize(
      values['connection-size'] ?? env.OFFSTREAM_BENCH_CONNECTION_SIZE ?? '256MiB',
    ),
    connectionRate: parseSize(
      values['connection-rate'] ?? env.OFFSTREAM_BENCH_CONNECTION_RATE ?? '8MB',
    ),
    kills: Math.max(0, Number(values.kills ?? env.OFFSTREAM_BENCH_KILLS ?? 3)),
    only,
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
    ['aria2c', '--version'],
  ] as const;
  for (const [tool, probe] of tools) {
    if (spawnSync(tool, [probe]).error) throw new Error(`${tool} is not installed.`);
  }
  await mkdir(options.dir, { recursive: true });
  const fs = await statfs(options.dir);
  const free = fs.bavail * fs.bsize;
  const needed = Math.max(options.size, options.connectionSize) + diskHeadroom;
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

type Results = Partial<Record<ContenderName, Sample[]>>;

/** Alternates the contenders run by run, so a slow spell of the machine hits all of them. */
async function runScenario(options: Options, scenario: Scenario, target: Target): Promise<Results> {
  const results: Results = {};
  for (let i = 0; i < options.runs; i += 1) {
    for (const name of scenario.contenders) {
      const sample = await runContender(name, target);
      if (sample.bytes !== scenario.size) {
        throw new Error(`${name} saved ${sample.bytes} of ${scenario.size} bytes.`);
      }
      results[name] = [...(results[name] ?? []), sample];
    }
    print(`  run ${i + 1}/${options.runs} done`);
  }
  return results;
}

/** offstream's SHA-256 must be the file's: a fast wrong digest would be worth nothing. */
function checkDigests(results: Results, reference: string): void {
  const digests = new Set(
    [...(results.offstream ?? []), ...(results['curl+sha256'] ?? [])].map((s) => s.sha256),
  );
  digests.add(reference);
  if (digests.size !== 1) throw new Error(`The SHA-256 digests disagree: ${[...digests]}`);
}

const seconds = (s: Sample) => s.run.wallMs / 1000;

function wallOf(results: Results, name: ContenderName): number {
  return median((results[name] ?? []).map(seconds));
}

function reportScenario(
  scenario: Scenario,
  results: Results,
): { verdicts: string[]; peak: number } {
  const rows = scenario.contenders.map((name) => {
    const samples = results[name] ?? [];
    const wall = median(samples.map(seconds));
    const cpu = median(samples.map((s) => s.run.cpuSeconds ?? Number.NaN));
    const peak = Math.max(...samples.map((s) => s.run.peakRssBytes));
    return [
      name,
      samples.map((s) => seconds(s).toFixed(2)).join(' '),
      wall.toFixed(2),
      (scenario.size / MB / wall).toFixed(0),
      Number.isNaN(cpu) ? 'n/a' : cpu.toFixed(2),
      (peak / MB).toFixed(1),
    ];
  });
  print(table(['contender', 'runs (s)', 'median s', 'MB/s', 'cpu s', 'peak RSS MB'], rows));
  const offstream = wallOf(results, 'offstream');
  const verdicts: string[] = [];
  const label = scenario.name.padEnd(10);
  if (scenario.name === 'connection') {
    const speedUp = wallOf(results, 'curl') / offstream;
    const vsAria2 = offstream / wallOf(results, 'aria2');
    print(`speed-up curl / offstream           ${speedUp.toFixed(2)}×`);
    print(
      `speed-up curl / aria2               ${(wallOf(results, 'curl') / wallOf(results, 'aria2')).toFixed(2)}×`,
    );
    print(`ratio offstream / aria2             ${vsAria2.toFixed(3)}`);
    printPhases(scenario, results);
    verdicts.push(
      `${label} offstream ${speedUp.toFixed(2)}× faster than curl, target ≥ ${targetSpeedUp}×: ${verdict(speedUp >= targetSpeedUp)}`,
      `${label} offstream / aria2 -x4 ${vsAria2.toFixed(3)}, target ≤ ${targetVsAria2}: ${verdict(vsAria2 <= targetVsAria2)}`,
    );
  } else {
    const ratio = offstream / wallOf(results, 'curl');
    print(`ratio offstream / curl              ${ratio.toFixed(3)}`);
    print(
      `ratio offstream / (curl + sha256)   ${(offstream / wallOf(results, 'curl+sha256')).toFixed(3)}`,
    );
    print(
      `ratio (curl + sha256) / curl        ${(wallOf(results, 'curl+sha256') / wallOf(results, 'curl')).toFixed(3)}`,
    );
    const was = before[scenario.name];
    const target = scenario.name === 'link' ? `≤ ${targetRatio}` : 'no worse than before';
    const met =
      scenario.name === 'link' ? ratio <= targetRatio : ratio <= Number(was.split('–').at(-1));
    verdicts.push(
      `${label} offstream/curl ${ratio.toFixed(3)} (before segments: ${was}), target ${target}: ${verdict(met)}`,
    );
  }
  return { verdicts, peak: Math.max(...(results.offstream ?? []).map((s) => s.run.peakRssBytes)) };
}

/**
 * Where offstream's time goes, from the moments its `--json` events arrived, against the link's
 * floor (every connection at the cap from the first byte) and aria2's whole run.
 */
function printPhases(scenario: Scenario, results: Results): void {
  const at = (sample: Sample, state: string) =>
    sample.run.lineTimes.find((l) => l.line.includes(`"state":"${state}"`))?.atMs ?? Number.NaN;
  const samples = results.offstream ?? [];
  const phase = (from: (s: Sample) => number, to: (s: Sample) => number) =>
    median(samples.map((s) => (to(s) - from(s)) / 1000));
  const start = phase(
    () => 0,
    (s) => at(s, 'downloading'),
  );
  const transfer = phase(
    (s) => at(s, 'downloading'),
    (s) => at(s, 'verifying'),
  );
  const finish = phase(
    (s) => at(s, 'verifying'),
    (s) => s.run.wallMs,
  );
  const floor = scenario.size / ((scenario.bytesPerSecond ?? 0) * defaultConnections);
  const aria2 = wallOf(results, 'aria2');
  print(
    `offstream's phases (median s): to its first delivery request ${start.toFixed(2)}, transfer ${transfer.toFixed(2)}, verify and finish ${finish.toFixed(2)}`,
  );
  print(
    `the link's floor (${defaultConnections} connections at the cap from the first byte) ${floor.toFixed(2)} s: aria2 +${(aria2 - floor).toFixed(2)} s, offstream's transfer alone +${(transfer - floor).toFixed(2)} s`,
  );
  print(`ratio offstream's transfer / aria2's whole run ${(transfer / aria2).toFixed(3)}`);
  print(`node's own start here (node -e 0, median of 5) ${nodeStart().toFixed(3)} s`);
}

function nodeStart(): number {
  const runs = Array.from({ length: 5 }, () => {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return (performance.now() - started) / 1000;
  });
  return median(runs);
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
  const aria2Version = execFileSync('aria2c', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  print(
    `transfer bench: ${mib(options.connectionSize)} capped per connection, ${mib(options.size)} uncapped and at link speed; ${options.runs} runs each`,
  );
  print(`node ${process.version}, ${cpus().length} CPUs, ${curlVersion}, ${aria2Version}`);
  print(`files in ${options.dir}; peak RSS by ${rssMethod}`);
  const hashRate = sha256Rate();
  print(
    `SHA-256 in one thread here: ${hashRate.toFixed(0)} MB/s, so hashing alone needs ${(options.size / MB / hashRate).toFixed(1)} s`,
  );
  print(`load average before: ${loadAverage()}`);
  print(
    'MB = 10^6 bytes. offstream get: default settings (4 connections per download for files of 32 MiB or more), ' +
      'SHA-256 while streaming, MP4 check, fsync, rename. curl: -sS -o. ' +
      `aria2: aria2c ${aria2Args.join(' ')} -d <dir> -o <file>. curl+sha256: curl -sS | tee <file> | openssl dgst -sha256.`,
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
    const verdicts: string[] = [];
    let peak = 0;
    for (const scenario of scenarios(options)) {
      const uid = await emulator.addSyntheticVideo(
        scenario.size,
        `Transfer bench ${scenario.name}`,
      );
      const url = await emulator.readyDownload(uid);
      const target = { cli: options.cli, emulator: emulator.info, uid, url, work };
      await emulator.setDeliveryFaults(undefined);
      await warmUp(url, scenario.size);
      const reference = await referenceSha256(url);
      print(`${scenario.name}: ${scenario.about}`);
      const rate = scenario.bytesPerSecond;
      await emulator.setDeliveryFaults(rate ? { bytesPerSecond: rate } : undefined);
      const results = await runScenario(options, scenario, target);
      checkDigests(results, reference);
      const outcome = reportScenario(scenario, results);
      peak = Math.max(peak, outcome.peak);
      verdicts.push(...outcome.verdicts);
      if (scenario.name === 'connection' && options.kills > 0) {
        verdicts.push(await reportKills(options, emulator, target, scenario, reference));
      }
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

/** offstream killed at evenly spread points of a capped transfer, then run to the end. */
async function reportKills(
  options: Options,
  emulator: SteeredEmulator,
  target: Target,
  scenario: Scenario,
  reference: string,
): Promise<string> {
  const fractions = Array.from({ length: options.kills }, (_, i) => (i + 1) / (options.kills + 1));
  const report = await measureKills(target, emulator, scenario.size, fractions);
  if (report.sha256 !== reference) throw new Error('offstream saved other bytes after the kills');
  const perKill = report.twice / report.kills;
  print(
    `kill -9 at ${fractions.map((f) => `${Math.round(f * 100)} %`).join(', ')}, then to the end: ` +
      `${(report.delivered / MiB).toFixed(2)} MiB sent for ${(report.size / MiB).toFixed(0)} MiB, ` +
      `${(report.twice / MiB).toFixed(2)} MiB fetched twice (${(perKill / MiB).toFixed(2)} MiB per kill)`,
  );
  return `kills      ${(perKill / MiB).toFixed(2)} MiB fetched twice per kill, goal ≤ 1 MiB: ${verdict(perKill <= targetTwicePerKill)}`;
}

/** The file's SHA-256 by curl and openssl, with no cap (untimed). */
async function referenceSha256(url: string): Promise<string> {
  const run = await measureProcess('sh', [
    '-c',
    'curl -sS "$1" | openssl dgst -sha256 -r',
    'sh',
    url,
  ]);
  return run.stdout.trim().split(/\s/)[0] ?? '';
}

interface Scenario {
  name: ScenarioName;
  about: string;
  bytesPerSecond: number | null;
  size: number;
  contenders: readonly ContenderName[];
}

/** Each connection capped (the issue's), loopback uncapped, then each connection at link speed. */
function scenarios(options: Options): Scenario[] {
  const all: Scenario[] = [];
  if (options.connectionRate > 0) {
    const rate = options.connectionRate;
    all.push({
      name: 'connection',
      about: `each connection capped at ${(rate / MB).toFixed(1)} MB/s (a link that shapes every connection), ${mib(options.connectionSize)}`,
      bytesPerSecond: rate,
      size: options.connectionSize,
      contenders: ['offstream', 'aria2', 'curl'],
    });
  }
  all.push({
    name: 'loopback',
    about: "no cap: the emulator, the contender and its hashing share this machine's cores",
    bytesPerSecond: null,
    size: options.size,
    contenders: ['offstream', 'curl', 'curl+sha256'],
  });
  if (options.linkRate > 0) {
    const rate = options.linkRate;
    all.push({
      name: 'link',
      about: `each connection capped at ${(rate / MB).toFixed(0)} MB/s (${((rate * 8) / 1e9).toFixed(2)} Gbit/s), like a fast network`,
      bytesPerSecond: rate,
      size: options.size,
      contenders: ['offstream', 'curl', 'curl+sha256'],
    });
  }
  return all.filter((scenario) => options.only.includes(scenario.name));
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
