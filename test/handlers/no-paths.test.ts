import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, type Outcome } from '../../main/contract/index';
import {
  appErrors,
  type FolderPurpose,
  memorySecretStore,
  problemOf,
} from '../../main/core/app/index';
import { libraryErrors } from '../../main/core/library/errors';
import { displayPath, withDisplayPaths } from '../../main/core/problems/display-path';
import { decide } from '../../main/core/queue/decisions';
import { type Backend, createBackend } from '../../main/handlers/index';

const roots: string[] = [];
const opened: Backend[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A backend whose folder picker answers what the test chose, on a library in a temp root. */
async function launch(folders: Partial<Record<FolderPurpose, string>> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'offstream-paths-'));
  roots.push(root);
  const library = join(root, 'library');
  return { root, library, open: () => open(root, library, folders) };
}

async function open(
  root: string,
  library: string,
  folders: Partial<Record<FolderPurpose, string>>,
) {
  const backend = await createBackend({
    configDir: join(root, 'config'),
    libraryFolder: library,
    secrets: memorySecretStore(),
    startDemo: async () => {
      throw new Error('no demo here');
    },
    chooseFolder: async (purpose) => folders[purpose],
    info: { version: '0.0.0-test', transport: 'ipc', kiosk: false },
    resultCheck: 'throw',
  });
  opened.push(backend);
  return backend;
}

/** The outcome carries no absolute path under `root`, and its sentence shows `folder` for display. */
function expectDisplayOnly(outcome: Outcome<unknown>, root: string, folder?: string) {
  expect(JSON.stringify(outcome)).not.toContain(root);
  if (folder && !outcome.ok) expect(outcome.error.message).toContain(displayPath(folder));
}

describe('the renderer never receives a path it could send back', () => {
  it('settings show the library folder for display only', async () => {
    const at = await launch();
    const backend = await at.open();
    const settings = await backend.dispatch('settings:get', {});
    expect(settings).toMatchObject({
      ok: true,
      value: { libraryLocation: displayPath(at.library) },
    });
    expectDisplayOnly(settings, at.root);
  });

  it('a move, an export and an import into unusable folders name them for display only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'offstream-targets-'));
    roots.push(root);
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const at = await launch({ 'move-library': busy, export: busy, import: empty });
    const backend = await at.open();
    const cases: [string, string, string][] = [
      ['settings:move-library', 'move_target_unusable', busy],
      ['library:export', 'export_target_unusable', busy],
      ['library:import', 'import_manifest_invalid', empty],
    ];
    for (const [channel, code, folder] of cases) {
      const outcome = await backend.dispatch(channel, {});
      expect(outcome).toMatchObject({ ok: false, error: { code } });
      expectDisplayOnly(outcome, root, folder);
    }
  });

  it('a damaged library index is reported with its folder for display only', async () => {
    const at = await launch();
    mkdirSync(at.library, { recursive: true });
    writeFileSync(join(at.library, 'library.sqlite'), 'this is not a database, just bytes');
    const backend = await at.open();
    const outcome = await backend.dispatch('downloads:list', {});
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).toMatch(/library_corrupt|library_unavailable/);
    expectDisplayOnly(outcome, at.root, at.library);
  });

  it('every library error that names a folder shows it for display only, in calls and jobs', () => {
    const inHome = join(homedir(), 'Videos', 'Offstream');
    const onUsb = '/media/usb/Offstream';
    for (const folder of [inHome, onUsb]) {
      const errors = [
        libraryErrors.corrupt(folder, 'file is not a database'),
        libraryErrors.unwritable(folder),
        libraryErrors.missing(folder),
        libraryErrors.exportTargetUnusable(folder, 'it holds other files'),
        libraryErrors.importManifestInvalid(folder, 'no manifest'),
        appErrors.moveTargetUnusable(folder, 'it is not empty'),
        appErrors.libraryUnavailable(libraryErrors.missing(folder)),
      ];
      for (const error of errors) {
        const { message } = problemOf(error, []);
        expect(message).toContain(displayPath(folder));
        expect(message).not.toContain(folder);
      }
      // A job stopped by the library keeps its sentence, which the renderer shows.
      const job = decide(libraryErrors.unwritable(folder)).problem.message;
      expect(job).toContain(displayPath(folder));
      expect(job).not.toContain(folder);
    }
    expect(displayPath(inHome)).toBe(join('~', 'Videos', 'Offstream'));
    expect(displayPath(onUsb)).toBe(join('…', 'usb', 'Offstream'));
    // Any other place in the home folder loses the user name; a neighbour of it does not.
    expect(withDisplayPaths("EACCES, mkdir '/home/pat/x' (not /home/patty)", [], '/home/pat')).toBe(
      "EACCES, mkdir '~/x' (not /home/patty)",
    );
  });
});

/** Every string an argument may carry; a new one is reviewed here, and a path is never one. */
const stringArguments = [
  'account:connect.accountId',
  'account:connect.apiToken',
  'catalogue:list.search',
  'catalogue:list.cursor',
  'download:start.uid',
  'download:link.url',
  'download:link.name',
  'download:pause.uid',
  'download:resume.uid',
  'download:cancel.uid',
  'download:retry.uid',
  'library:remove.uid',
  'plan:trip.uids[]',
  'playback:source.uid',
  'playback:save-position.uid',
  'settings:set.kioskPlaylist[]',
  'settings:set.kioskPin',
  'settings:set.proxy.url',
  'settings:set.proxy.username',
  'settings:set.proxy.password',
  // Times of day (HH:MM) and video uids, each held to its pattern.
  'settings:set.kioskSchedule.windows[].from',
  'settings:set.kioskSchedule.windows[].to',
  'settings:set.kioskSchedule.windows[].playlist[]',
  'settings:set.kioskSchedule.outside.uid',
  'settings:set.downloadWindow.windows[].from',
  'settings:set.downloadWindow.windows[].to',
  'settings:set.currentPin',
  'kiosk:unlock.pin',
  'kiosk:video-stalled.uid',
];

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

function freeStrings(node: JsonSchema | undefined, at: string, out: string[]): string[] {
  if (!node) return out;
  if (node.type === 'string' && !node.enum && node.const === undefined) out.push(at);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    freeStrings(child, `${at}.${key}`, out);
  }
  freeStrings(node.items, `${at}[]`, out);
  for (const child of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    freeStrings(child, at, out);
  }
  return out;
}

describe('the contract', () => {
  it('takes no folder or file path from the renderer: folders are chosen in main', () => {
    const found = Object.entries(channels).flatMap(([name, channel]) =>
      freeStrings(
        z.toJSONSchema(channel.args, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
        name,
        [],
      ),
    );
    expect(found).toEqual(stringArguments);
    expect(found.filter((field) => /path|folder|dir|file/i.test(field))).toEqual([]);
  });
});
