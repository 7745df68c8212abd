import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import type { EmulatorOptions } from '../../core/emulator/types';
import { createLogger } from '../../core/log';
import { UsageError } from '../exit-codes';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError('a port is a number from 0 to 65535');
  }
  return port;
}

export function parseMilliseconds(value: string): number {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError('expected a whole number of milliseconds');
  return Number(value);
}

interface EmulatorFlags {
  port: number;
  deliveryPort: number;
  prepareMs?: number;
  tlsCert?: string;
  tlsKey?: string;
  userToken?: boolean;
}

/** `--tls-cert` and `--tls-key` come as a pair; half a pair is a usage error. */
export function tlsOf(flags: Pick<EmulatorFlags, 'tlsCert' | 'tlsKey'>): EmulatorOptions['tls'] {
  const { tlsCert, tlsKey } = flags;
  if (tlsCert === undefined && tlsKey === undefined) return undefined;
  if (tlsCert === undefined || tlsKey === undefined) {
    throw new InvalidArgumentError('--tls-cert and --tls-key must be given together');
  }
  return { cert: readPem(tlsCert, '--tls-cert'), key: readPem(tlsKey, '--tls-key') };
}

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** `offstream emulator`: a local Cloudflare Stream API and delivery host with the demo library. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('run the local Cloudflare Stream emulator with the demo library (127.0.0.1 only)')
    .option('--port <n>', 'API port (0 picks a free one)', parsePort, 0)
    .option('--delivery-port <n>', 'delivery host port (0 picks a free one)', parsePort, 0)
    .option('--prepare-ms <ms>', 'time a download takes to become ready', parseMilliseconds)
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (needs --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--user-token', 'print a user API token instead of an account API token')
    .action(async (flags: EmulatorFlags, command: Command) => {
      const tls = usageChecked(command, () => tlsOf(flags));
      // Loaded on use: every other command starts faster without the emulator in the bundle.
      const { startEmulator } = await import('../../core/emulator/index');
      const emulator = await startEmulator({
        port: flags.port,
        deliveryPort: flags.deliveryPort,
        logger: createLogger({ level: 'info' }),
        tokenKind: flags.userToken ? 'user' : 'account',
        ...(flags.prepareMs === undefined ? {} : { preparationMs: flags.prepareMs }),
        ...(tls === undefined ? {} : { tls }),
      });
      const videos = [...emulator.videos.values()].map((v) => ({
        uid: v.uid,
        name: v.name,
        state: v.state,
        requireSignedURLs: v.requireSignedURLs,
      }));
      process.stdout.write(
        `${JSON.stringify({
          api: emulator.apiBase,
          delivery: emulator.deliveryBase,
          account: emulator.accountId,
          token: emulator.token,
          tokenKind: emulator.tokenKind,
          videos,
        })}\n`,
      );
      const stop = () => {
        void emulator.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Commander prints only its own parse errors; route ours through it so they read the same. */
function usageChecked<T>(command: Command, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    return command.error(`error: ${error.message}`, { exitCode: 2, code: error.code });
  }
}
