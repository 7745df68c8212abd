import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../atomic-file';
import { safeJson } from '../../safe-json';

/** The person's update settings: per user, not per library (the app updates, not a library). */
export const UpdatePreferences = z.object({
  checkAutomatically: z.boolean().default(true),
  connectionMetered: z.boolean().default(false),
});
export type UpdatePreferences = z.output<typeof UpdatePreferences>;

export const updatePreferencesFileName = 'updates.json';

/** The saved preferences; the defaults when there are none or they cannot be read. */
export async function readUpdatePreferences(configDir: string): Promise<UpdatePreferences> {
  const text = await readFile(join(configDir, updatePreferencesFileName), 'utf8').catch(() => '');
  const parsed = UpdatePreferences.safeParse(safeJson(text));
  return parsed.success ? parsed.data : UpdatePreferences.parse({});
}

export async function writeUpdatePreferences(
  configDir: string,
  preferences: UpdatePreferences,
): Promise<void> {
  const text = `${JSON.stringify(UpdatePreferences.parse(preferences), null, 2)}\n`;
  await writeFileAtomic(join(configDir, updatePreferencesFileName), text, { mode: 0o600 });
}
