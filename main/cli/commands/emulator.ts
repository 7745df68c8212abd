import { type Command, InvalidArgumentError } from 'commander';
import { startEmulator } from '../../core/emulator/index';
import { createLogger } from '../../core/log';

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

/** `offstream emulator`: a local Cloudflare Stream API and delivery host with the demo library. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('run the local Cloudflare Stream emulator with the demo library (127.0.0.1 only)')
    .option('--port <n>', 'API port (0 picks a free one)', parsePort, 0)
    .option('--delivery-port <n>', 'delivery host port (0 picks a free one)', parsePort, 0)
    .option('--prepare-ms <ms>', 'time a download takes to become ready', parseMilliseconds)
    .action(async (options: { port: number; deliveryPort: number; prepareMs?: number }) => {
      const logger = createLogger({ level: 'info' });
      const emulator = await startEmulator({
        port: options.port,
        deliveryPort: options.deliveryPort,
        logger,
        ...(options.prepareMs === undefined ? {} : { preparationMs: options.prepareMs }),
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
