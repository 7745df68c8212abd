import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import { AccountId } from '../stream/ids';

/** What the app remembers between runs besides the library: never the token. */
export const AppConfig = z.object({
  libraryFolder: z.string().min(1).optional(),
  mode: z.enum(['none', 'account', 'demo']).default('none'),
  accountId: z.union([AccountId, z.null()]).default(null),
  /** Here, not in the library: the shell needs it before the library opens. */
  kioskOnStart: z.boolean().default(false),
});
export type AppConfig = z.output<typeof AppConfig>;

export const configFileName = 'offstream.json';

/** The saved config, or the defaults when there is none or it cannot be read. */
export async function readAppConfig(configDir: string, logger: Logger): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(join(configDir, configFileName), 'utf8');
  } catch {
    return AppConfig.parse({});
  }
  try {
    return AppConfig.parse(JSON.parse(text));
  } catch {
    logger.warn('the app config is unreadable; starting from the defaults', {
      file: configFileName,
    });
    return AppConfig.parse({});
  }
}

/** Writes beside the file, syncs, then renames over it: a crash leaves the old or the new one. */
export async function writeAppConfig(configDir: string, config: AppConfig): Promise<void> {
  await mkdir(configDir, { recursive: true });
  const target = join(configDir, configFileName);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(AppConfig.parse(config), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
