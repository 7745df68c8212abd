import type { Command } from 'commander';
import { parsePort } from './emulator';

// The browser mode (web server, handlers, contract) loads only when asked for: the commands
// people time, like `get`, start without it.
/** `offstream serve`: the app in a browser, on 127.0.0.1, behind a key made for this run. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (prints its address with a one-run key)')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, 0)
    .option('--demo', 'open the demo library (a local emulator) at start', false)
    .action(async (options: { port: number; demo: boolean }) => {
      const { startServe } = await import('./serve');
      const serving = await startServe({
        ...options,
        flags: program.opts(),
        version: program.version() ?? '0.0.0',
      });
      process.stdout.write(`${JSON.stringify({ url: serving.url })}\n`);
      const stop = () => {
        serving.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
