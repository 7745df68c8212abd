import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CatalogueQuery,
  type CatalogueSort,
  databaseFileName,
  type LibraryIndex,
  openLibrary,
} from '../main/core/library/index';
import type { Video } from '../main/core/stream/schemas';
import { syntheticVideo, vocabulary } from './catalogue-data';
import { median, percentile, print, seededRandom, table, verdict } from './stats';

/**
 * The library index at catalogue scale: open (+ migrate + reconcile), first pages per sort and
 * prefix search. Targets (from the issue): open ≤ 200 ms, page ≤ 2 ms, search p95 ≤ 5 ms.
 */
interface Options {
  rows: number;
  dir: string;
}

const batchSize = 1000;
const opens = 5;
const pageRuns = 200;
const searchRuns = 500;
const warmUpRuns = 10;
const sorts: readonly CatalogueSort[] = ['newest', 'name', 'size'];
const targets = { openMs: 200, pageMs: 2, searchP95Ms: 5 };

function parseOptions(): Options {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, dir: { type: 'string' } },
  });
  return {
    rows: Math.max(1, Number(values.rows ?? process.env.OFFSTREAM_BENCH_ROWS ?? 100_000)),
    dir: resolve(values.dir ?? process.env.OFFSTREAM_BENCH_DIR ?? tmpdir()),
  };
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

/** Fills the catalogue; returns the time and every 100th name, to search for later. */
function fill(folder: string, rows: number): { ms: number; names: string[] } {
  const random = seededRandom(20_260_101);
  const names: string[] = [];
  const library = openLibrary(folder);
  try {
    const { ms } = timed(() => {
      for (let start = 0; start < rows; start += batchSize) {
        const batch: Video[] = [];
        for (let i = start; i < Math.min(rows, start + batchSize); i += 1) {
          const video = syntheticVideo(random, i);
          if (i % 100 === 0) names.push(String(video.meta.name));
          batch.push(video);
        }
        library.upsertCatalogue(batch);
      }
    });
    return { ms, names };
  } finally {
    library.close();
  }
}

function measureOpens(folder: string): number[] {
  return Array.from({ length: opens }, () => {
    const { ms, value } = timed(() => openLibrary(folder));
    value.close();
    return ms;
  });
}

/**
 * Times calls 0..runs-1 after a few untimed ones (runs.., for statement preparation and the
 * page cache), so the inputs of warm-up calls are never the timed ones.
 */
function sample(runs: number, call: (i: number) => unknown): number[] {
  for (let i = 0; i < warmUpRuns; i += 1) call(runs + i);
  return Array.from({ length: runs }, (_, i) => timed(() => call(i)).ms);
}

/**
 * 1–3 words, each cut to a prefix of at least two letters, as someone typing would: mostly
 * words of a name in the catalogue, one query in eight from the whole vocabulary (often no hit).
 */
function searchQueries(count: number, names: readonly string[]): string[] {
  const random = seededRandom(7);
  const pickFrom = (words: readonly string[]) => words[Math.floor(random() * words.length)] ?? 'a';
  return Array.from({ length: count }, () => {
    const name = names[Math.floor(random() * names.length)] ?? '';
    const own = name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2);
    const source = random() < 0.125 || own.length === 0 ? vocabulary : own;
    const words = 1 + Math.floor(random() * 3);
    return Array.from({ length: words }, () => {
      const word = pickFrom(source);
      return word.slice(0, 2 + Math.floor(random() * Math.max(1, word.length - 1)));
    }).join(' ');
  });
}

function describe(samples: readonly number[]): string[] {
  return [median(samples), percentile(samples, 95), Math.max(...samples)].map((ms) =>
    ms.toFixed(3),
  );
}

function measureQueries(library: LibraryIndex, names: readonly string[]) {
  const page = (sort: CatalogueSort, search?: string): CatalogueQuery => ({
    filter: 'all',
    sort,
    limit: 50,
    ...(search === undefined ? {} : { search }),
  });
  const pages = sorts.map((sort) => ({
    sort,
    ms: sample(pageRuns, () => library.listCatalogue(page(sort))),
  }));
  const queries = searchQueries(searchRuns + warmUpRuns, names);
  const found: number[] = [];
  const searchMs = sample(searchRuns, (i) => {
    const result = library.listCatalogue(page(sorts[i % 3] ?? 'newest', queries[i]));
    found[i] = result.items.length;
  });
  const slowest = searchMs
    .map((ms, i) => ({ ms, query: queries[i] ?? '', sort: sorts[i % 3], rows: found[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  return { pages, searchMs, found: found.slice(0, searchRuns), slowest };
}

function main(): void {
  const options = parseOptions();
  const folder = mkdtempSync(join(options.dir, 'offstream-bench-library-'));
  try {
    print(`library bench: ${options.rows} catalogue rows, node ${process.version}, in ${folder}`);
    print(`load average before: ${loadAverage()}`);
    const filled = fill(folder, options.rows);
    const dbBytes = statSync(join(folder, databaseFileName)).size;
    print(
      `upsertCatalogue in batches of ${batchSize}: ${(filled.ms / 1000).toFixed(2)} s ` +
        `(${Math.round(options.rows / (filled.ms / 1000))} rows/s), library.sqlite ${(dbBytes / 1e6).toFixed(1)} MB`,
    );
    const openMs = measureOpens(folder);
    const library = openLibrary(folder);
    const measured = (() => {
      try {
        return measureQueries(library, filled.names);
      } finally {
        library.close();
      }
    })();
    report(openMs, measured);
    print(`load average after: ${loadAverage()} (other work on the machine shows in the tails)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function report(openMs: number[], measured: ReturnType<typeof measureQueries>): void {
  const { pages, searchMs, found, slowest } = measured;
  print();
  print(
    table(
      ['measurement (ms)', 'runs', 'p50', 'p95', 'max'],
      [
        ['open + migrate + reconcile', `${openMs.length}`, ...describe(openMs)],
        ...pages.map((p) => [
          `first page of 50, sort ${p.sort}`,
          `${p.ms.length}`,
          ...describe(p.ms),
        ]),
        ['FTS prefix search, page of 50', `${searchMs.length}`, ...describe(searchMs)],
      ],
    ),
  );
  const full = found.filter((n) => n === 50).length;
  const none = found.filter((n) => n === 0).length;
  print(
    `search pages: ${full} full (50 rows), ${none} empty, ${found.length - full - none} partial`,
  );
  print('slowest searches:');
  for (const s of slowest) {
    print(`  ${s.ms.toFixed(2).padStart(7)} ms  sort ${s.sort}  ${s.rows} rows  "${s.query}"`);
  }
  const openMedian = median(openMs);
  const pageP95 = Math.max(...pages.map((p) => percentile(p.ms, 95)));
  const searchP95 = percentile(searchMs, 95);
  print();
  print(
    `open median ${openMedian.toFixed(1)} ms, target ≤ ${targets.openMs} ms: ${verdict(openMedian <= targets.openMs)}`,
  );
  print(
    `page p95 (worst sort) ${pageP95.toFixed(3)} ms, target ≤ ${targets.pageMs} ms: ${verdict(pageP95 <= targets.pageMs)}`,
  );
  print(
    `search p95 ${searchP95.toFixed(3)} ms, target ≤ ${targets.searchP95Ms} ms: ${verdict(searchP95 <= targets.searchP95Ms)}`,
  );
}

main();
