// The layers inside main/core, written down once: check-boundaries.mjs enforces this table and
// the README shows it (the script fails when the README's copy differs; `node .ci/layers.mjs
// --write` rewrites it). A module is a folder of main/core, or `*.ts`: the leaf files directly
// in main/core (clock, log, backoff, atomic-file, …).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const leafModule = '*.ts';

/** `main/core/*.ts` or `main/core/<folder>/`. */
export const modulePath = (module) => `main/core/${module}${module === leafModule ? '' : '/'}`;

// Consumers of the library and the stand-in for Cloudflare: the bottom layers know neither.
const ends = ['playback', 'emulator'];

/** Each module and the modules it never imports; lower layers know nothing of higher ones. */
export const coreLayers = [
  { module: leafModule, never: ['http', 'stream', 'library', 'transfer', 'queue', 'app', ...ends] },
  // Time windows in local time: pure, like the leaf files.
  { module: 'schedule', never: ['http', 'stream', 'library', 'transfer', 'queue', 'app', ...ends] },
  // The trip planner's estimate: pure arithmetic over figures the app gathers.
  { module: 'plan', never: ['http', 'stream', 'library', 'transfer', 'queue', 'app', ...ends] },
  { module: 'http', never: ['stream', 'library', 'transfer', 'queue', 'app', ...ends] },
  // The error catalogue and the errno mapping: every layer renders them, so they know none.
  { module: 'problems', never: ['http', 'stream', 'library', 'transfer', 'queue', 'app', ...ends] },
  { module: 'stream', never: ['library', 'transfer', 'queue', 'app'] },
  { module: 'transfer', never: ['library', 'queue', 'app'] },
  { module: 'library', never: ['queue', 'app'] },
  { module: 'playback', never: ['transfer', 'queue', 'app'] },
  { module: 'queue', never: ['app'] },
  { module: 'emulator', never: ['library', 'transfer', 'queue', 'app'] },
];

const folders = new Set(coreLayers.flatMap(({ module, never }) => [module, ...never]));

/** The module of a path relative to the repository (no matter its extension), or undefined. */
export function coreModuleOf(path) {
  const rest = /^main\/core\/(.+)$/.exec(path.replaceAll('\\', '/'))?.[1];
  if (rest === undefined) return undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) return rest.slice(0, slash);
  // `../library` (a folder's index) names the folder; `../clock` a leaf file.
  const name = rest.replace(/\.[cm]?[jt]sx?$/, '');
  return folders.has(name) ? name : leafModule;
}

export const readmeBegin = '<!-- core-layers:begin (generated from .ci/layers.mjs) -->';
export const readmeEnd = '<!-- core-layers:end -->';

export function layersMarkdown() {
  const rows = coreLayers.map(
    ({ module, never }) =>
      `| \`${modulePath(module)}\` | ${never.map((n) => `\`${n}/\``).join(', ')} |`,
  );
  return ['| Module | never imports |', '| --- | --- |', ...rows].join('\n');
}

/** The table between the README's markers, or undefined when it has none. */
export function readmeLayers(readme) {
  const start = readme.indexOf(readmeBegin);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + readmeBegin.length, end).trim();
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] === '--write') {
  const file = join(dirname(new URL(import.meta.url).pathname), '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(readmeBegin);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) throw new Error(`README.md has no ${readmeBegin} block`);
  const table = `${readmeBegin}\n${layersMarkdown()}\n`;
  writeFileSync(file, readme.slice(0, start) + table + readme.slice(end));
}
