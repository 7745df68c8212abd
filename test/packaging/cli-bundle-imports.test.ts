import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cliDir = resolve('app/dist/cli');

describe('the command line bundle', () => {
  it('loads nothing from node_modules but the native better-sqlite3', () => {
    // Resolving packages one by one at each start was most of the command's start-up, and a
    // module outside the bundle would also miss V8's code cache.
    const builtin = new Set(builtinModules);
    const outside = readdirSync(cliDir)
      .filter((name) => name.endsWith('.cjs'))
      .flatMap((name) => {
        const source = readFileSync(join(cliDir, name), 'utf8');
        return [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)]
          .map((match) => match[1] ?? '')
          .filter((id) => !id.startsWith('./') && !id.startsWith('node:') && !builtin.has(id))
          .map((id) => `${id} (${name})`);
      });
    expect([...new Set(outside)]).toEqual(['better-sqlite3 (offstream-main.cjs)']);
  });

  it('starts from a launcher that loads the program, with a shebang on the launcher only', () => {
    const launcher = readFileSync(join(cliDir, 'offstream.cjs'), 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(launcher).toContain('offstream-main.cjs');
    expect(readFileSync(join(cliDir, 'offstream-main.cjs'), 'utf8').startsWith('#!')).toBe(false);
  });
});
