import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { describe, expect, it } from 'vitest';

const mainDir = resolve('app/dist/main');

/**
 * The packages a built ES module loads: its static and dynamic imports as a lexer finds them
 * (not text in comments, which bundled libraries' docs are full of), and `require` calls of
 * bundled CommonJS code, whose names are always string literals.
 */
function packagesLoadedBy(source: string): string[] {
  const [imports] = parse(source);
  const named = imports.map((entry) => entry.n ?? '');
  const required = [...source.matchAll(/\b__require\(\s*["']([^"']+)["']\s*\)/g)];
  return [...named, ...required.map((match) => match[1] ?? '')].filter(
    (name) => name !== '' && !name.startsWith('.'),
  );
}

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

describe('the desktop main bundle', () => {
  it('loads nothing from node_modules but Electron and app/package.json’s dependencies', async () => {
    await init;
    if (!existsSync(join(mainDir, 'index.js'))) {
      const built = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
    }
    const runtime = JSON.parse(readFileSync(resolve('app/package.json'), 'utf8'));
    const allowed = new Set(['electron', ...Object.keys(runtime.dependencies ?? {})]);
    const builtin = new Set(builtinModules);
    const outside = builtFiles(mainDir).flatMap((file) =>
      packagesLoadedBy(readFileSync(file, 'utf8'))
        .filter((name) => !name.startsWith('node:') && !builtin.has(name.split('/')[0] ?? ''))
        .filter((name) => !allowed.has(name))
        .map((name) => `${name} (${file.slice(mainDir.length + 1)})`),
    );
    // The packaged app ships only app/package.json's dependencies beside the bundle.
    expect([...new Set(outside)]).toEqual([]);
  });
});
