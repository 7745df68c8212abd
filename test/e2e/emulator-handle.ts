import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { build } from 'vite';
import type { DeliveryFaults } from '../../main/core/emulator/types';

/** What the emulator process prints first, like `offstream emulator`. */
export interface EmulatorInfo {
  api: string;
  delivery: string;
  account: string;
  token: string;
  videos: { uid: string; name: string }[];
}

export interface EmulatorProcess {
  info: EmulatorInfo;
  setDeliveryFaults(faults: DeliveryFaults | undefined): Promise<void>;
  /** How many requests the delivery host received for one video's downloads. */
  deliveryRequests(uid: string): Promise<number>;
  /** Closes the listeners and waits for the process to end. */
  stop(): Promise<void>;
  kill(): void;
}

// Beside app/dist/samples, where the bundled sample catalogue looks for its media files.
const outDir = resolve('app/dist/e2e');

async function buildScript(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve('test/e2e/emulator-process.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'emulator-process.js' } },
    },
  });
  return `${outDir}/emulator-process.js`;
}

function nextLine(lines: Interface, child: ChildProcess) {
  return new Promise<string>((resolveLine, reject) => {
    const onExit = (code: number | null) => reject(new Error(`emulator exited with ${code}`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      resolveLine(line);
    });
  });
}

/** Builds and starts the emulator as a separate process with a short preparation time. */
export async function startEmulatorProcess(preparationMs: number): Promise<EmulatorProcess> {
  const script = await buildScript();
  const child = spawn(process.execPath, [script, String(preparationMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const info = JSON.parse(await nextLine(lines, child)) as EmulatorInfo;
  const send = async (command: object): Promise<unknown> => {
    const answer = nextLine(lines, child);
    child.stdin.write(`${JSON.stringify(command)}\n`);
    return JSON.parse(await answer);
  };
  return {
    info,
    setDeliveryFaults: async (faults) => {
      await send({ cmd: 'setDeliveryFaults', faults });
    },
    deliveryRequests: async (uid) => {
      const answer = (await send({ cmd: 'deliveryRequests', uid })) as { count: number };
      return answer.count;
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
