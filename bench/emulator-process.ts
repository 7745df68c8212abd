import { createInterface } from 'node:readline';
import { type RunningEmulator, startEmulator } from '../main/core/emulator/index';

/**
 * The transfer bench's emulator in its own process, so its byte generation does not share the
 * bench's event loop. Prints one JSON line when listening, then answers one JSON line per command.
 */
type Command =
  | { cmd: 'addSyntheticVideo'; size: number; name?: string }
  | { cmd: 'readyDownload'; uid: string }
  | { cmd: 'pace'; bytesPerSecond: number | null }
  | { cmd: 'stop' };

const emulator = await startEmulator({ preparationMs: 50, samples: false });
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

reply({ api: emulator.apiBase, account: emulator.accountId, token: emulator.token });

/** Asks for the MP4 download as a client would, then skips the preparation wait. */
async function readyDownload(running: RunningEmulator, uid: string): Promise<string> {
  const endpoint = `${running.apiBase}/accounts/${running.accountId}/stream/${uid}/downloads`;
  const headers = { authorization: `Bearer ${running.token}` };
  const created = await fetch(`${endpoint}/default`, { method: 'POST', headers });
  if (!created.ok) throw new Error(`POST downloads/default answered ${created.status}`);
  running.control.finishDownloads(uid);
  const listed = await fetch(endpoint, { headers });
  const body = (await listed.json()) as { result?: { default?: { status: string; url?: string } } };
  const entry = body.result?.default;
  if (entry?.status !== 'ready' || !entry.url)
    throw new Error('The download did not become ready.');
  return entry.url;
}

async function run(command: Command): Promise<unknown> {
  if (command.cmd === 'addSyntheticVideo') {
    return { uid: emulator.control.addSyntheticVideo({ size: command.size, name: command.name }) };
  }
  if (command.cmd === 'readyDownload') return { url: await readyDownload(emulator, command.uid) };
  if (command.cmd === 'pace') {
    const rate = command.bytesPerSecond;
    emulator.control.setDeliveryFaults(rate ? { bytesPerSecond: rate } : undefined);
    return { ok: true };
  }
  await emulator.close();
  reply({ ok: true });
  process.exit(0);
}

for await (const line of createInterface({ input: process.stdin })) {
  try {
    reply(await run(JSON.parse(line) as Command));
  } catch (error: unknown) {
    reply({ error: error instanceof Error ? error.message : String(error) });
  }
}
await emulator.close();
