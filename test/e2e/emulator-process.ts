import { createInterface } from 'node:readline';
import { startEmulator } from '../../main/core/emulator/index';
import type { DeliveryFaults } from '../../main/core/emulator/types';

/**
 * The emulator as its own process, steered over stdin: one JSON command a line, one JSON answer
 * a line on stdout. The journey test stops this process to take "the network" away for real.
 */
type Command =
  | { cmd: 'setDeliveryFaults'; faults?: DeliveryFaults }
  | { cmd: 'deliveryRequests'; uid: string }
  | { cmd: 'stop' };

const preparationMs = Number(process.argv[2] ?? '200');
const emulator = await startEmulator({ preparationMs });
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

reply({
  api: emulator.apiBase,
  delivery: emulator.deliveryBase,
  account: emulator.accountId,
  token: emulator.token,
  videos: [...emulator.videos.values()].map((v) => ({ uid: v.uid, name: v.name })),
});

async function run(command: Command): Promise<void> {
  if (command.cmd === 'setDeliveryFaults') {
    emulator.control.setDeliveryFaults(command.faults);
    reply({ ok: true });
    return;
  }
  if (command.cmd === 'deliveryRequests') {
    const path = `/${command.uid}/downloads/`;
    const hits = emulator.requests.filter((r) => r.host === 'delivery' && r.path.includes(path));
    reply({ count: hits.length });
    return;
  }
  await emulator.close();
  reply({ ok: true });
  process.exit(0);
}

for await (const line of createInterface({ input: process.stdin })) {
  await run(JSON.parse(line) as Command);
}
await emulator.close();
