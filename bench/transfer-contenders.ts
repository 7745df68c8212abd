import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SteeredEmulatorInfo } from '../main/core/emulator/steering';
import { mediaPath } from '../main/core/library/paths';
import { measureProcess, type ProcessRun } from './measure-process';

/**
 * The ways the bench fetches one file: `offstream get`, plain `curl -o`, curl piped through
 * `tee` into `openssl dgst -sha256` (the same work as offstream, save and hash, done by
 * standard tools, which bounds what hashing while streaming costs on this machine), and
 * `aria2c -x4 -s4`, a download manager with four connections per file.
 */
export type ContenderName = 'offstream' | 'curl' | 'curl+sha256' | 'aria2';

/** The aria2 command line of the issue, with only where to save added. */
export const aria2Args = [
  '-x4',
  '-s4',
  '-q',
  '--allow-overwrite=true',
  '--auto-file-renaming=false',
];

export interface Sample {
  run: ProcessRun;
  bytes: number;
  /** The SHA-256 the contender computed, when it computes one. */
  sha256?: string;
}

export interface Target {
  cli: string;
  emulator: SteeredEmulatorInfo;
  uid: string;
  url: string;
  /** A folder for the contenders' files; each run deletes what it wrote. */
  work: string;
}

export function runContender(name: ContenderName, target: Target): Promise<Sample> {
  if (name === 'offstream') return runOffstream(target);
  if (name === 'curl') return runCurl(target);
  if (name === 'aria2') return runAria2(target);
  return runCurlHashed(target);
}

async function runAria2(target: Target): Promise<Sample> {
  const file = join(target.work, 'aria2.mp4');
  try {
    const args = [...aria2Args, '-d', target.work, '-o', 'aria2.mp4', target.url];
    const run = await measureProcess('aria2c', args);
    if (run.code !== 0) throw new Error(`aria2c failed (exit ${run.code}): ${run.stderr}`);
    return { run, bytes: (await stat(file)).size };
  } finally {
    await rm(file, { force: true });
    await rm(`${file}.aria2`, { force: true });
    settleDisk();
  }
}

/** The environment `offstream` runs with: this library, the emulated account. */
export function offstreamEnv(target: Target, library: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OFFSTREAM_LIBRARY: library,
    OFFSTREAM_API_BASE: target.emulator.api,
    OFFSTREAM_ACCOUNT_ID: target.emulator.account,
    OFFSTREAM_API_TOKEN: target.emulator.token,
  };
}

async function runOffstream(target: Target): Promise<Sample> {
  const library = await mkdtemp(join(target.work, 'library-'));
  const env = offstreamEnv(target, library);
  try {
    const run = await measureProcess(
      process.execPath,
      [target.cli, 'get', target.uid, '--json'],
      env,
    );
    const done = run.stdout.split('\n').find((line) => line.includes('"event":"done"'));
    if (run.code !== 0 || !done || JSON.parse(done).complete !== 1) {
      throw new Error(`offstream get failed (exit ${run.code}): ${run.stderr || run.stdout}`);
    }
    const bytes = (await stat(join(library, mediaPath(target.uid, 'default')))).size;
    return { run, bytes, sha256: savedSha256(target, env) };
  } finally {
    await rm(library, { recursive: true, force: true });
    settleDisk();
  }
}

/** What `offstream library --json` recorded for the file: not timed, only compared. */
export function savedSha256(target: Target, env: NodeJS.ProcessEnv): string {
  const listed = spawnSync(process.execPath, [target.cli, 'library', '--json'], {
    env,
    encoding: 'utf8',
  });
  const rows = JSON.parse(listed.stdout).videos as { uid: string; sha256: string | null }[];
  return rows.find((row) => row.uid === target.uid)?.sha256 ?? '';
}

async function runCurl(target: Target): Promise<Sample> {
  const file = join(target.work, 'curl.mp4');
  try {
    const run = await measureProcess('curl', ['-sS', '-o', file, target.url]);
    if (run.code !== 0) throw new Error(`curl failed (exit ${run.code}): ${run.stderr}`);
    return { run, bytes: (await stat(file)).size };
  } finally {
    await rm(file, { force: true });
    settleDisk();
  }
}

async function runCurlHashed(target: Target): Promise<Sample> {
  const file = join(target.work, 'curl-sha256.mp4');
  // sh has no pipefail: a failing curl shows as a short file, which the bench rejects.
  const script = 'curl -sS "$1" | tee "$2" | openssl dgst -sha256 -r';
  try {
    const run = await measureProcess('sh', ['-c', script, 'sh', target.url, file]);
    if (run.code !== 0) throw new Error(`curl | openssl failed (exit ${run.code}): ${run.stderr}`);
    const sha256 = run.stdout.trim().split(/\s/)[0] ?? '';
    return { run, bytes: (await stat(file)).size, sha256 };
  } finally {
    await rm(file, { force: true });
    settleDisk();
  }
}

/** Each run starts with no dirty pages of the previous one still being written back. */
export function settleDisk(): void {
  spawnSync('sync');
}
