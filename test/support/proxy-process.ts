import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** One request as the proxy saw it: CONNECT with `host:port`, or a method with an absolute URL. */
const ProxiedRequestLine = z.object({
  method: z.string(),
  target: z.string(),
  authorized: z.boolean(),
});
export type ProxiedRequest = z.infer<typeof ProxiedRequestLine>;

const ReadyLine = z.object({ port: z.number().int().positive() });
const RequestsLine = z.object({ requests: z.array(ProxiedRequestLine) });

export interface RunningProxy {
  /** http://127.0.0.1:PORT, without credentials. */
  url: string;
  port: number;
  pid: number;
  /** Every request that reached the proxy since the start or the last clear(), authorized or not. */
  requests(): Promise<ProxiedRequest[]>;
  clear(): void;
  /** Ends the proxy process and waits until it has gone. */
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** With both given, the proxy answers 407 unless Basic proxy credentials match. */
  username?: string;
  password?: string;
}

export const proxyServerScript = fileURLToPath(new URL('./proxy-server.mjs', import.meta.url));

type ProxyChild = ChildProcessByStdio<Writable, Readable, null>;

/**
 * A real HTTP proxy on 127.0.0.1 in a child process, so that the code under test meets real
 * sockets, CONNECT and 407s. The child exits when its stdin closes, so it dies with the tests.
 */
export async function startProxyProcess(options: ProxyOptions = {}): Promise<RunningProxy> {
  const child = spawn(process.execPath, [proxyServerScript, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // A child that died already shows up as a rejected answer; a write into its closed pipe must
  // not also crash the test worker.
  child.stdin.on('error', () => {});
  const nextLine = lineReader(child);
  const { port } = ReadyLine.parse(JSON.parse(await nextLine()));
  const send = (command: object) => child.stdin.write(`${JSON.stringify(command)}\n`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    requests: async () => {
      const answer = nextLine();
      send({ cmd: 'requests' });
      return RequestsLine.parse(JSON.parse(await answer)).requests;
    },
    clear: () => {
      send({ cmd: 'clear' });
    },
    close: () => stopChild(child),
  };
}

/** Lines from the child's stdout, handed out in order to whoever asked first. */
function lineReader(child: ProxyChild): () => Promise<string> {
  const waiting: { resolve(line: string): void; reject(error: Error): void }[] = [];
  const gone = () => new Error(`the test proxy exited (${child.exitCode ?? child.signalCode})`);
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  child.once('exit', () => {
    for (const waiter of waiting.splice(0)) waiter.reject(gone());
  });
  return () =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) reject(gone());
      else waiting.push({ resolve, reject });
    });
}

/** Closing stdin asks the child to exit; a child that hangs anyway is killed after a while. */
async function stopChild(child: ProxyChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
