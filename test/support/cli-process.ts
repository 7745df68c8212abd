import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export const cliPath = new URL('../../app/dist/cli/offstream.cjs', import.meta.url).pathname;

export type CliProcess = ChildProcessByStdio<null, Readable, Readable>;

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  return spawn(process.execPath, [cliPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
}

/** Resolves with the first stdout line, or rejects with stderr if the process ends first. */
export function firstLine(child: CliProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before output: ${stderr}`)));
  });
}

export function exitCode(child: CliProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
