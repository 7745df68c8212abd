import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';

// electron-builder's own modules, resolved the way the installed electron-builder resolves them,
// so the tests check the configuration with exactly the code a release build runs.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));

interface DebugLogger {
  readonly isEnabled: boolean;
}

interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: Configuration | null,
  ): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: DebugLogger): Promise<void>;
}

interface BuilderUtil {
  DebugLogger: new (isEnabled?: boolean) => DebugLogger;
}

const configModule = fromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
const { DebugLogger } = fromLib('builder-util') as BuilderUtil;

export const projectDir = resolve(import.meta.dirname, '../..');

/** Loads electron-builder.yml through electron-builder's loader (extends, defaults, env). */
export function loadBuilderConfig(configPath: string | null = null): Promise<Configuration> {
  return configModule.getConfig(projectDir, configPath, null);
}

/** electron-builder's schema check: throws on unknown keys or wrongly typed values. */
export function validateBuilderConfig(config: Configuration): Promise<void> {
  return configModule.validateConfiguration(config, new DebugLogger(false));
}

type Minimatch = (path: string, glob: string, options: { dot: boolean }) => boolean;
const { minimatch } = fromLib('minimatch') as { minimatch: Minimatch };

/** Whether an asarUnpack/files glob selects a path, with the options electron-builder uses. */
export function globMatches(glob: string, path: string): boolean {
  return minimatch(path, glob, { dot: true });
}

export const parseYaml = (fromLib('js-yaml') as { load: (text: string) => unknown }).load;

/** A workflow step, with the keys both workflow tests read. */
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** Reads and parses a workflow file under .github/workflows. */
export function readWorkflow<T>(file: string): T {
  return parseYaml(readFileSync(join(projectDir, '.github/workflows', file), 'utf8')) as T;
}

/** A GitHub Actions expression as the workflow file spells it. */
export const expression = (body: string) => `\${{ ${body} }}`;
