#!/usr/bin/env node
// Fails when a module crosses the architecture's lines (design.md, "Rules of the shape"):
// main/core stays electron-free and shell-free; the renderer reaches into main/ only for the
// contract; the contract itself depends on nothing but zod, so both sides can load it. Inside
// main/core, lower layers never import higher ones (the table in layers.mjs, shown in the README).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { coreLayers, coreModuleOf, layersMarkdown, modulePath, readmeLayers } from './layers.mjs';

// The tree to check: the repository by default, or a folder given as the first argument (tests).
const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const sourceFile = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const importPattern =
  /(?:\bimport\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?|\bexport\s+[^'"]*?\sfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

const rules = [
  {
    scope: 'main/core/',
    forbid: (spec, target) =>
      spec === 'electron' ||
      spec.startsWith('electron/') ||
      /^main\/(electron|web|handlers|cli)\//.test(target ?? '') ||
      target?.startsWith('renderer/'),
    why: 'main/core must not import electron or the shells (main/electron, main/web, main/handlers, main/cli)',
  },
  {
    scope: 'renderer/',
    forbid: (spec, target) =>
      spec === 'electron' ||
      spec.startsWith('node:') ||
      (target?.startsWith('main/') && !target.startsWith('main/contract/')),
    why: 'renderer/ may import from main/ only main/contract, and never node: or electron',
  },
  {
    scope: 'main/contract/',
    forbid: (spec, target) =>
      !(spec === 'zod' || spec.startsWith('zod/') || target?.startsWith('main/contract/')),
    why: 'main/contract may import only zod and itself',
  },
  ...coreLayers.map(({ module, never }) => ({
    scope: 'main/core/',
    only: (path) => coreModuleOf(path) === module,
    forbid: (_spec, target) => target !== undefined && never.includes(coreModuleOf(target)),
    why: `${modulePath(module)} never imports ${never.join(', ')} (the layers in .ci/layers.mjs)`,
  })),
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (sourceFile.test(name)) yield path;
  }
}

const violations = [];
for (const rule of rules) {
  const scopeDir = join(root, rule.scope);
  let files;
  try {
    files = [...walk(scopeDir)];
  } catch {
    continue;
  }
  for (const file of files) {
    if (rule.only && !rule.only(relative(root, file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1];
      const target = spec.startsWith('.')
        ? relative(root, resolve(dirname(file), spec))
        : undefined;
      if (rule.forbid(spec, target)) {
        const line = text.slice(0, match.index).split('\n').length;
        violations.push(`${relative(root, file)}:${line} imports '${spec}': ${rule.why}`);
      }
    }
  }
}

// The README shows the layer table; a copy that drifted from layers.mjs would mislead.
const readme = join(root, 'README.md');
if (existsSync(readme)) {
  const shown = readmeLayers(readFileSync(readme, 'utf8'));
  if (shown !== layersMarkdown()) {
    const what = shown === undefined ? 'is missing' : 'differs from .ci/layers.mjs';
    violations.push(`README.md: its core layer table ${what} (node .ci/layers.mjs --write)`);
  }
}

if (violations.length > 0) {
  console.error(`Boundary check failed (${violations.length}):\n${violations.join('\n')}`);
  process.exit(1);
}
process.stdout.write('Boundary check passed.\n');
