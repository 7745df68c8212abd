import type { Logger } from '../log';
import type { StartDemo } from './connection';

/**
 * The demo library of every shell: the local emulator, started when the person asks for it.
 * Loaded then too: a library that never opens the demo never pays for the emulator's code.
 */
export function emulatedDemo(logger: Logger): StartDemo {
  return async () => {
    const { startEmulator } = await import('../emulator/index');
    const demo = await startEmulator({ logger: logger.child({ component: 'demo' }) });
    const { apiBase, deliveryBase, accountId, token } = demo;
    return { apiBase, deliveryBase, accountId, token, close: () => demo.close() };
  };
}
