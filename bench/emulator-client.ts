import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What bench/emulator-process.ts prints once it listens. */
export interface EmulatorInfo {
  api: string;
  account: string;
  token: string;
}

export interface EmulatorChild {
  info: EmulatorInfo;
  addSyntheticVideo(size: number, name: string): Promise<string>;
  /** Requests the MP4 download over the API and makes it ready; resolves to its delivery URL. */
  readyDownload(uid: string): Promise<string>;
  /** Caps every delivery response at this many bytes per second, like a network link; null lifts it. */
  pace(bytesPerSecond: number | null): Promise<void>;
  /** Closes the listeners and waits for the process to end. */
  stop(): Promise<void>;
  kill(): void;
}

// Bundled beside transfer.js by bench/vite.config.ts.
const script = fileURLToPath(new URL('./emulator-process.js', import.meta.url));

function nextLine(lines: Interface, child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const onExit = (code: number | null) => reject(new Error(`emulator exited with ${code}`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      resolveLine(line);
    });
  });
}

export async function startEmulatorChild(): Promise<EmulatorChild> {
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const info = JSON.parse(await nextLine(lines, child)) as EmulatorInfo;
  const send = async (command: object): Promise<Record<string, unknown>> => {
    const answer = nextLine(lines, child);
    child.stdin.write(`${JSON.stringify(command)}\n`);
    const parsed = JSON.parse(await answer) as Record<string, unknown>;
    if (typeof parsed.error === 'string') throw new Error(`emulator: ${parsed.error}`);
    return parsed;
  };
  return {
    info,
    addSyntheticVideo: async (size, name) =>
      String((await send({ cmd: 'addSyntheticVideo', size, name })).uid),
    readyDownload: async (uid) => String((await send({ cmd: 'readyDownload', uid })).url),
    pace: async (bytesPerSecond) => {
      await send({ cmd: 'pace', bytesPerSecond });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const ended = new Promise((done) => child.once('exit', done));
      child.stdin.write(`${JSON.stringify({ cmd: 'stop' })}\n`);
      await ended;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
