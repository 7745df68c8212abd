import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { z } from 'zod';
import type { RunningEmulator } from './index';
import type { ApiVariants, DeliveryFaults, TokenKind, TokenSpec, UpstreamEdit } from './types';

/**
 * An emulator in a process of its own (the end-to-end journey stops it to take the network away;
 * the transfer bench keeps its byte generation off the contenders' cores), steered over stdio:
 * it prints its details as one JSON line, then answers one JSON line per command line.
 */
export type SteeringCommand =
  | { cmd: 'setDeliveryFaults'; faults?: DeliveryFaults }
  | { cmd: 'deliveryRequests'; uid: string }
  | { cmd: 'deliveredBytes'; uid: string }
  | { cmd: 'addSyntheticVideo'; size: number; name?: string }
  | { cmd: 'readyDownload'; uid: string }
  | ({ cmd: 'addToken' } & TokenSpec)
  | { cmd: 'editVideo'; uid: string; edit: UpstreamEdit }
  | { cmd: 'deleteVideo'; uid: string }
  | { cmd: 'setApiVariants'; variants: Partial<ApiVariants> }
  | { cmd: 'stop' };

/** The upstream-change commands' fields, checked like addToken's. */
const EditLine = z.object({
  uid: z.string(),
  edit: z.object({
    name: z.string().optional(),
    requireSignedURLs: z.boolean().optional(),
    scheduledDeletion: z.string().nullable().optional(),
  }),
});
const VariantsLine = z.object({
  variants: z.object({
    idFilter: z.enum(['supported', 'ignored', 'single', 'rejected']).optional(),
    typedDownloadDelete: z.boolean().optional(),
  }),
});

/** The addToken command's fields, checked: a wrong kind must not quietly mint a write token. */
const TokenSpecLine = z.object({
  kind: z.enum(['account', 'user']),
  permission: z.enum(['stream:read', 'stream:write']),
  status: z.enum(['active', 'disabled', 'expired']).optional(),
});

export interface SteeredEmulatorInfo {
  api: string;
  delivery: string;
  account: string;
  token: string;
  tokenKind: TokenKind;
  videos: { uid: string; name: string }[];
}

/** The process side: prints the details, then serves commands until `stop` or stdin ends. */
export async function answerSteering(emulator: RunningEmulator): Promise<void> {
  const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  reply({
    api: emulator.apiBase,
    delivery: emulator.deliveryBase,
    account: emulator.accountId,
    token: emulator.token,
    tokenKind: emulator.tokenKind,
    videos: [...emulator.videos.values()].map((v) => ({ uid: v.uid, name: v.name })),
  } satisfies SteeredEmulatorInfo);
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as SteeringCommand;
    if (command.cmd === 'stop') break;
    reply(await obey(emulator, command).catch((error: unknown) => ({ error: String(error) })));
  }
  await emulator.close();
  reply({ ok: true });
  process.exit(0);
}

async function obey(emulator: RunningEmulator, command: Exclude<SteeringCommand, { cmd: 'stop' }>) {
  switch (command.cmd) {
    case 'setDeliveryFaults':
      emulator.control.setDeliveryFaults(command.faults);
      return { ok: true };
    case 'deliveryRequests': {
      const path = `/${command.uid}/downloads/`;
      const hits = emulator.requests.filter((r) => r.host === 'delivery' && r.path.includes(path));
      return { count: hits.length };
    }
    case 'deliveredBytes':
      return {
        bytes: emulator.deliveredBytes(command.uid),
        peak: emulator.peakConnections(command.uid),
      };
    case 'addSyntheticVideo':
      return {
        uid: emulator.control.addSyntheticVideo({ size: command.size, name: command.name }),
      };
    case 'readyDownload':
      return { url: await readyDownload(emulator, command.uid) };
    case 'addToken':
      return { token: emulator.control.addToken(TokenSpecLine.parse(command)) };
    case 'editVideo': {
      const { uid, edit } = EditLine.parse(command);
      emulator.control.editVideo(uid, edit);
      return { ok: true };
    }
    case 'deleteVideo':
      emulator.control.deleteVideo(command.uid);
      return { ok: true };
    case 'setApiVariants':
      emulator.control.setApiVariants(VariantsLine.parse(command).variants);
      return { ok: true };
  }
}

/** Asks for the MP4 download over the API as a client would, then skips the preparation wait. */
async function readyDownload(emulator: RunningEmulator, uid: string): Promise<string> {
  const endpoint = `${emulator.apiBase}/accounts/${emulator.accountId}/stream/${uid}/downloads`;
  const headers = { authorization: `Bearer ${emulator.token}` };
  const created = await fetch(`${endpoint}/default`, { method: 'POST', headers });
  if (!created.ok) throw new Error(`POST downloads/default answered ${created.status}`);
  emulator.control.finishDownloads(uid);
  const listed = await fetch(endpoint, { headers });
  const body = (await listed.json()) as { result?: { default?: { status: string; url?: string } } };
  const entry = body.result?.default;
  if (entry?.status !== 'ready' || !entry.url) {
    throw new Error('The download did not become ready.');
  }
  return entry.url;
}

export interface SteeredEmulator {
  info: SteeredEmulatorInfo;
  setDeliveryFaults(faults: DeliveryFaults | undefined): Promise<void>;
  /** How many requests the delivery host received for one video's downloads. */
  deliveryRequests(uid: string): Promise<number>;
  /** Body bytes sent for one video so far, and the most bodies sent at once. */
  deliveredBytes(uid: string): Promise<{ bytes: number; peak: number }>;
  /** Adds a synthetic MP4 of `size` bytes; resolves to its uid. */
  addSyntheticVideo(size: number, name: string): Promise<string>;
  /** Requests the MP4 download over the API and makes it ready; resolves to its delivery URL. */
  readyDownload(uid: string): Promise<string>;
  /** Issues another API token of the given kind, permission and status; resolves to its secret. */
  addToken(spec: TokenSpec): Promise<string>;
  /** Renames a video, toggles requireSignedURLs or schedules its deletion upstream. */
  editVideo(uid: string, edit: UpstreamEdit): Promise<void>;
  deleteVideo(uid: string): Promise<void>;
  setApiVariants(variants: Partial<ApiVariants>): Promise<void>;
  /** Closes the listeners and waits for the process to end. */
  stop(): Promise<void>;
  kill(): void;
}

/** The steering side: runs `script` (which calls answerSteering) with node and drives it. */
export async function startSteeredEmulator(
  script: string,
  args: readonly string[] = [],
): Promise<SteeredEmulator> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const info = JSON.parse(await nextLine(lines, child)) as SteeredEmulatorInfo;
  const send = async (command: SteeringCommand): Promise<Record<string, unknown>> => {
    const answer = nextLine(lines, child);
    child.stdin.write(`${JSON.stringify(command)}\n`);
    const parsed = JSON.parse(await answer) as Record<string, unknown>;
    if (typeof parsed.error === 'string') throw new Error(`emulator: ${parsed.error}`);
    return parsed;
  };
  return {
    info,
    setDeliveryFaults: async (faults) => {
      await send({ cmd: 'setDeliveryFaults', ...(faults ? { faults } : {}) });
    },
    deliveryRequests: async (uid) => Number((await send({ cmd: 'deliveryRequests', uid })).count),
    deliveredBytes: async (uid) => {
      const answer = await send({ cmd: 'deliveredBytes', uid });
      return { bytes: Number(answer.bytes), peak: Number(answer.peak) };
    },
    addSyntheticVideo: async (size, name) =>
      String((await send({ cmd: 'addSyntheticVideo', size, name })).uid),
    readyDownload: async (uid) => String((await send({ cmd: 'readyDownload', uid })).url),
    addToken: async (spec) => String((await send({ cmd: 'addToken', ...spec })).token),
    editVideo: async (uid, edit) => {
      await send({ cmd: 'editVideo', uid, edit });
    },
    deleteVideo: async (uid) => {
      await send({ cmd: 'deleteVideo', uid });
    },
    setApiVariants: async (variants) => {
      await send({ cmd: 'setApiVariants', variants });
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
