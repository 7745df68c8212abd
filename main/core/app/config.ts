import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';
import type { Logger } from '../log';
import { AccountId } from '../stream/ids';

/** What the app remembers between runs besides the library: never the token. */
export const AppConfig = z.object({
  libraryFolder: z.string().min(1).optional(),
  mode: z.enum(['none', 'account', 'demo']).default('none'),
  accountId: z.union([AccountId, z.null()]).default(null),
  /** The library folder the connection was made in: it is restored there and nowhere else. */
  connectionLibrary: z.string().min(1).optional(),
  /** Here, not in the library: the shell needs it before the library opens. */
  kioskOnStart: z.boolean().default(false),
  /** A managed library profile the app syncs to (an IT policy's `profile` outranks it). */
  profile: z.string().min(1).max(4096).optional(),
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

/** Owner-only, atomically replaced (see writeFileAtomic). */
export async function writeAppConfig(configDir: string, config: AppConfig): Promise<void> {
  await mkdir(configDir, { recursive: true });
  const text = `${JSON.stringify(AppConfig.parse(config), null, 2)}\n`;
  await writeFileAtomic(join(configDir, configFileName), text, { mode: 0o600 });
}
