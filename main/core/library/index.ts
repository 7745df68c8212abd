export type { LibraryErrorCode } from './errors';
export { isLibraryError, LibraryError } from './errors';
export type { Migration } from './migrations';
export { migrations, newestSchemaVersion } from './migrations';
export { runMigrations, schemaVersion } from './migrations/run';
export type { OpenLibraryOptions } from './open';
export { openLibrary } from './open';
export {
  databaseFileName,
  mediaPath,
  partFilePath,
  scratchPath,
} from './paths';
export { reconcileLibrary } from './reconcile';
export type { SettingKey, SettingValue } from './settings-schema';
export { settingsSchema } from './settings-schema';
export * from './types';
