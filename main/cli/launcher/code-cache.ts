import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module, wrap } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS bundle through V8's code cache: the bytecode of the functions a previous run
 * compiled is read back instead of parsing and compiling the bundle again. What Node 22 does with
 * `module.enableCompileCache()`, which Node 20 lacks.
 */
export interface CachedBundle {
  /** `absent`: no cache yet; `rejected`: V8 refused it (another Node, flags or a torn file). */
  readonly cache: 'used' | 'absent' | 'rejected' | 'off';
  /** Evaluates the bundle as Node would load it with `require`. */
  run(): void;
  /**
   * Writes the cache when there was none usable: the functions compiled so far are included, so
   * it is called once the command has run. Best effort: a read-only home only costs speed.
   */
  save(): void;
}

/**
 * `variant` names the command: each compiles its own functions, so each keeps its own cache
 * (a cache written by `--version` would hold next to nothing `get` needs).
 */
export function loadBundle(
  file: string,
  cacheDir: string | undefined,
  variant: string,
): CachedBundle {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir && join(cacheDir, cacheFileName(file, source, variant));
  const cachedData = cacheFile ? readIfPresent(cacheFile) : undefined;
  const script = new Script(wrap(source), { filename: file, cachedData });
  const cache = !cacheFile
    ? 'off'
    : !cachedData
      ? 'absent'
      : script.cachedDataRejected
        ? 'rejected'
        : 'used';
  return {
    cache,
    run() {
      const require = createRequire(file);
      // Registered as `require` would: the chunks loaded later require the bundle for the code
      // they share, and must get this module, not a second run of the whole program.
      const module = new Module(file);
      module.filename = file;
      require.cache[file] = module;
      const evaluate = script.runInThisContext() as (...args: unknown[]) => void;
      evaluate(module.exports, require, module, file, dirname(file));
      module.loaded = true;
    },
    save() {
      if (!cacheFile || cache === 'used' || cache === 'off') return;
      try {
        writeCache(cacheFile, cachePrefix(file), script.createCachedData());
      } catch {
        // Speed only: a cache that cannot be written is asked for again next time.
      }
    },
  };
}

/**
 * One name per bundle content, Node and architecture: a rebuilt or upgraded CLI never reads an
 * old cache (V8 also checks its version and flags, and refuses a mismatch).
 */
export function cacheFileName(file: string, source: string, variant: string): string {
  if (!commandWord.test(variant)) throw new Error(`bad cache variant: ${variant}`);
  const digest = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 16);
  return `${cachePrefix(file)}${digest}-${variant}.v8cache`;
}

function cachePrefix(file: string): string {
  return `${basename(file).replace(/\W+/g, '-')}-`;
}

/** Caches of this bundle built from other sources (an earlier build, another Node). */
function isStale(name: string, prefix: string, current: string): boolean {
  if (!name.startsWith(prefix) || !name.endsWith('.v8cache')) return false;
  const digest = current.slice(prefix.length, prefix.length + 16);
  return name.slice(prefix.length, prefix.length + 16) !== digest;
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Whole or not at all (temp + rename); the caches of earlier builds go. */
function writeCache(file: string, prefix: string, data: Buffer): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, file);
  for (const name of readdirSync(dir)) {
    if (isStale(name, prefix, basename(file))) rmSync(join(dir, name), { force: true });
  }
}

/** A command's name as it may appear in a file name: what was typed never becomes a path. */
const commandWord = /^[a-z][a-z0-9-]{0,31}$/;

/** The command typed (`get`, `library`…) when it is a plain word, else `other`. */
export function cacheVariant(argv: readonly string[]): string {
  const command = argv[2] ?? '';
  return commandWord.test(command) ? command : 'other';
}
