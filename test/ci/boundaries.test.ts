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

  it('passes on this repository', () => {
    tree = mkdtempSync(join(tmpdir(), 'offstream-bounds-'));
    expect(() => execFileSync(process.execPath, [script], { encoding: 'utf8' })).not.toThrow();
  });
});
