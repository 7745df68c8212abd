import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { libraryErrors } from './errors';
import type { SettingsReader, SettingsWriter } from './interface';
import type { SettingKey, SettingValue } from './settings-schema';
import { isSettingKey, settingsSchema, storedSetting } from './settings-schema';

/** Settings as JSON values by key, validated against settingsSchema both ways. */
export function createSettings(db: Database.Database, clock: Clock, logger: Logger) {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);

  return {
    getSetting<K extends SettingKey>(key: K): SettingValue<K> {
      if (!isSettingKey(key)) throw libraryErrors.invalid(`setting "${String(key)}"`);
      const schema = settingsSchema[key];
      const row = select.get(key) as { value: string } | undefined;
      const parsed = schema.safeParse(storedSetting(key, row ? JSON.parse(row.value) : undefined));
      if (parsed.success) return parsed.data as SettingValue<K>;
      logger.warn('stored setting is invalid; using the default', { key });
      return schema.parse(undefined) as SettingValue<K>;
    },

    setSetting<K extends SettingKey>(key: K, value: SettingValue<K>): void {
      if (!isSettingKey(key)) throw libraryErrors.invalid(`setting "${String(key)}"`);
      const parsed = settingsSchema[key].safeParse(value);
      if (!parsed.success || value === undefined)
        throw libraryErrors.invalid(`value for setting "${key}"`);
      upsert.run(key, JSON.stringify(parsed.data), clock.now());
    },
  } satisfies SettingsReader & SettingsWriter;
}
