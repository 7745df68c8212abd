import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessRun {
  code: number | null;
  wallMs: number;
  /** Peak resident set size in bytes. */
  peakRssBytes: number;
  /** User + system CPU seconds of the child, when GNU time is there to report them. */
  cpuSeconds?: number;
  stdout: string;
  stderr: string;
  /** When each stdout line arrived, in ms from spawn (what a phase of the command took). */
  lineTimes: { atMs: number; line: string }[];
}

const gnuTime = '/usr/bin/time';

/**
 * How peak RSS is measured: GNU time reports the kernel's ru_maxrss of the exited child (exact);
 * without it, VmHWM in /proc/<pid>/status is polled, which can only under-report.
 */
export const rssMethod = existsSync(gnuTime)
  ? 'GNU time %M (ru_maxrss from wait4, exact)'
  : 'VmHWM from /proc/<pid>/status polled every 10 ms (lower bound)';

/** Runs a command to completion, timing it from spawn to exit. */
export async function measureProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  if (!existsSync(gnuTime)) return runPolled(command, args, env);
  const scratch = await mkdtemp(join(tmpdir(), 'offstream-bench-time-'));
  try {
    const report = join(scratch, 'time.txt');
    const run = await spawnAndWait(
      gnuTime,
      ['-f', '%M %U %S', '-o', report, command, ...args],
      env,
    );
    const last = (await readFile(report, 'utf8')).trim().split('\n').at(-1) ?? '';
    const [kib = 0, user = 0, system = 0] = last.split(' ').map(Number);
    return { ...run, peakRssBytes: kib * 1024, cpuSeconds: user + system };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runPolled(command: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  let peak = 0;
  return spawnAndWait(command, args, env, (pid) => {
    const timer = setInterval(() => {
      readFile(`/proc/${pid}/status`, 'utf8').then(
        (status) => {
          const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
          peak = Math.max(peak, kib * 1024);
        },
        () => {},
      );
    }, 10);
    return () => clearInterval(timer);
  }).then((run) => ({ ...run, peakRssBytes: peak }));
}

function spawnAndWait(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  watch?: (pid: number) => () => void,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = child.pid !== undefined ? watch?.(child.pid) : undefined;
    let stdout = '';
    let stderr = '';
    const lineTimes: ProcessRun['lineTimes'] = [];
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const atMs = performance.now() - started;
      const lines = (stdout.slice(stdout.lastIndexOf('\n') + 1) + text).split('\n');
      for (const line of lines.slice(0, -1)) lineTimes.push({ atMs, line });
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', (error) => {
      stop?.();
      reject(error);
    });
    let wallMs = 0;
    child.once('exit', () => {
      wallMs = performance.now() - started;
      stop?.();
    });
    child.once('close', (code) => {
      resolve({ code, wallMs, peakRssBytes: 0, stdout, stderr, lineTimes });
    });
  });
}
