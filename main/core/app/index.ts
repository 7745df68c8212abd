export { defaultLibraryFolder } from '../library/default-location';
// The domain values the shells read, so that none of them reaches into queue/ or library/.
export type { Job, LibraryFile } from '../library/index';
export { isLibraryError } from '../library/index';
export type { ProgressListener } from '../library/portable/index';
export type { JobProgress } from '../queue/events';
export type { AppEventListener } from './app-events';
export { AppEventHub } from './app-events';
export type { AppConfig } from './config';
export { configFileName, readAppConfig, writeAppConfig } from './config';
export type { Connection, DemoAccount, StartDemo } from './connection';
export type { AppErrorCode } from './errors';
export { AppError, appErrors, ProblemError } from './errors';
export type { QueueTuning } from './library-session';
export type { FolderPurpose, OffstreamAppOptions } from './offstream-app';
export { OffstreamApp } from './offstream-app';
export { problemOf, zodSentence } from './problems';
export type { SecretStore } from './secret-store';
export { memorySecretStore } from './secret-store';
