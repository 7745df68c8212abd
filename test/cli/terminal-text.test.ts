import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lineReporter } from '../../main/cli/job-reporter';
import { terminalText } from '../../main/cli/terminal-text';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import type { RunningEmulator } from '../../main/core/emulator/types';
import type { Job } from '../../main/core/library/index';
import { open, tempFolder, uidOf, video } from '../library/helpers';
import { storeFile } from '../library/portable-fixture';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { runCli } from './run-cli';

/** Retitles the window, then clears the screen: what a hostile video name tries. */
const hostile = 'Trip \x1b]0;pwned\x07\x1b[2J';
const shown = 'Trip \\x1b]0;pwned\\x07\\x1b[2J';
/** Whether any character a terminal acts on (other than a line end) is left in the text. */
const acts = {
  asymmetricMatch: (text: string) =>
    [...text].some((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
    }),
  toString: () => 'a control character',
};

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('terminalText', () => {
  it('shows escape sequences, C1 and bidi overrides as text, and keeps the rest', () => {
    expect(terminalText(hostile)).toBe(shown);
    expect(terminalText('a\x9b2Jb')).toBe('a\\x9b2Jb');
    expect(terminalText('evil\u202egpj.exe')).toBe('evil\\u202egpj.exe');
    expect(terminalText('one\ntwo\tthree')).toBe('one\\x0atwo\\x09three');
    expect(terminalText('one\ntwo', { lines: true })).toBe('one\ntwo');
    expect(terminalText('Zürich 東京 👩‍👩‍👧')).toBe('Zürich 東京 👩‍👩‍👧');
  });

  it('escapes the progress lines of get', () => {
    const lines: string[] = [];
    const job = { uid: uidOf(1), kind: 'default', state: 'failed', errorCode: 'x' } as Job;
    lineReporter((line) => Boolean(lines.push(line))).job(
      { ...job, errorMessage: `bad \x1b[31mred`, errorAction: null } as Job,
      hostile,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toEqual(acts);
    expect(lines[0]).toContain(shown);
  });
});

describe('the command line never prints a control character of a name', () => {
  it('library: escaped in the table, exact in --json', async () => {
    const folder = tempFolder();
    const index = open(folder);
    index.upsertCatalogue([video(1, { name: hostile })]);
    storeFile(index, uidOf(1), 'default', readFileSync(join(samplesDir, 'keynote.mp4')));
    index.close();
    const table = await runCli(['library'], { OFFSTREAM_LIBRARY: folder });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toEqual(acts);
    expect(table.stdout).toContain(shown);
    const json = await runCli(['library', '--json'], { OFFSTREAM_LIBRARY: folder });
    expect(JSON.parse(json.stdout).videos[0].name).toBe(hostile);
  });

  it('videos and get: the table and the progress lines', async () => {
    emulator = await emulatorForTests();
    const uid = emulator.control.addSyntheticVideo({ size: 50_000, name: hostile });
    const env = {
      OFFSTREAM_LIBRARY: tempFolder(),
      ...cliAccountEnv(emulator),
    };
    const table = await runCli(['videos', '--search', 'Trip'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(shown);
    expect(table.stdout).not.toEqual(acts);
    const get = await runCli(['get', uid], env);
    expect(get.code).toBe(0);
    expect(get.stderr).toContain(shown);
    expect(get.stderr).not.toEqual(acts);
  });

  it('error messages: what was typed comes back escaped', async () => {
    const refused = await runCli(['remove', `${hostile}`], { OFFSTREAM_LIBRARY: tempFolder() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(shown);
    expect(refused.stderr).not.toEqual(acts);
  });
});
