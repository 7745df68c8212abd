import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '../../.ci/check-boundaries.mjs');
let tree: string;

function write(path: string, text: string) {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), text);
}

function check() {
  return spawnSync(process.execPath, [script, tree], { encoding: 'utf8' });
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe('boundary check', () => {
  it('passes a tree that respects the lines', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write(
      'main/core/a.ts',
      "import { readFile } from 'node:fs/promises';\nimport { b } from './b';\n",
    );
    write('main/contract/index.ts', "import { z } from 'zod';\n");
    write('renderer/src/app.tsx', "import type { X } from '../../main/contract/index';\n");
    expect(check().status).toBe(0);
  });

  it.each([
    ['main/core/queue/q.ts', "import { app } from 'electron';"],
    ['main/core/queue/q.ts', "const e = require('electron');"],
    ['main/core/queue/q.ts', "import { serve } from '../../web/server';"],
    ['main/core/queue/q.ts', "export { x } from '../../electron/window';"],
    ['renderer/src/app.tsx', "import { open } from '../../main/core/library/index';"],
    ['renderer/src/app.tsx', "const m = await import('node:fs');"],
    ['main/contract/index.ts', "import { readFile } from 'node:fs';"],
  ])('fails when %s has `%s`', (file, line) => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write(file, `${line}\n`);
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(file);
  });

  // The layers inside main/core (.ci/layers.mjs): each line breaks one row of the table.
  it.each([
    ['main/core/stream/client.ts', "import { Job } from '../library/index';"],
    ['main/core/stream/client.ts', "import { DownloadQueue } from '../queue/download-queue';"],
    ['main/core/stream/client.ts', "import type { OffstreamApp } from '../app/index';"],
    ['main/core/library/jobs.ts', "import { DownloadQueue } from '../queue/download-queue';"],
    ['main/core/library/jobs.ts', "export { createApp } from '../app/offstream-app';"],
    ['main/core/transfer/transfer.ts', "import { mediaPath } from '../library/paths';"],
    ['main/core/transfer/transfer.ts', "import { decide } from '../queue/decisions';"],
    ['main/core/transfer/transfer.ts', "const app = await import('../app');"],
    ['main/core/queue/job-run.ts', "import { appErrors } from '../app/errors';"],
    ['main/core/http/http-stack.ts', "import { StreamClient } from '../stream/client';"],
    ['main/core/http/http-stack.ts', "import { transfer } from '../transfer/transfer';"],
    ['main/core/clock.ts', "import { Job } from './library/types';"],
    ['main/core/backoff.ts', "import { httpStack } from './http/http-stack';"],
    ['main/core/playback/media-id.ts', "import { DownloadQueue } from '../queue/download-queue';"],
    ['main/core/emulator/api.ts', "import { openLibrary } from '../library/open';"],
  ])('fails when %s has `%s` (core layers)', (file, line) => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write(file, `${line}\n`);
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('.ci/layers.mjs');
  });

  it('passes imports the layers allow', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write('main/core/queue/job-run.ts', "import { mediaPath } from '../library/index';\n");
    write('main/core/queue/q.ts', "import { transfer } from '../transfer/transfer';\n");
    write('main/core/library/open.ts', "import { VideoUid } from '../stream/ids';\n");
    write('main/core/transfer/t.ts', "import { clock } from '../clock';\n");
    write('main/core/app/a.ts', "import { DownloadQueue } from '../queue/download-queue';\n");
    write('main/core/log.ts', "import { clock } from './clock';\n");
    expect(check().status).toBe(0);
  });

  it('fails when the README shows a layer table other than .ci/layers.mjs', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write(
      'README.md',
      '# x\n<!-- core-layers:begin (generated from .ci/layers.mjs) -->\n| Module | never imports |\n| --- | --- |\n| `main/core/queue/` | `app/` |\n<!-- core-layers:end -->\n',
    );
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('README.md');
  });

  it('fails when the README has no layer table', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    write('README.md', '# x\n## Layout\n');
    expect(check().stderr).toContain('README.md: its core layer table is missing');
  });

  it('passes on this repository', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    expect(() => execFileSync(process.execPath, [script], { encoding: 'utf8' })).not.toThrow();
  });
});
