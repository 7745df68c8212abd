import type Database from 'better-sqlite3';
import type { Logger } from '../../log';
import { silentLogger } from '../../log';
import { libraryErrors } from '../errors';
import type { Migration } from './migration';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending migrations in order, each in its own transaction together with its
 * `user_version`, so a failure leaves the library at the previous version.
 */
export function runMigrations(
  db: Database.Database,
  list: readonly Migration[],
  logger: Logger = silentLogger,
): { from: number; to: number } {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} is numbered ${m.version}`);
  });
  const from = schemaVersion(db);
  if (from > list.length) throw libraryErrors.tooNew(from, list.length);
  for (const m of list.slice(from)) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (error) {
      throw libraryErrors.migrationFailed(m.version, error);
    }
    logger.info('library schema migrated', { version: m.version });
  }
  return { from, to: list.length };
}
