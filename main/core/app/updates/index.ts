export type { UpdateBlock, UpdateConditions } from './update-gate';
export { automaticBlock, manualBlock } from './update-gate';
export type { UpdatePreferences } from './update-preferences';
export { readUpdatePreferences, updatePreferencesFileName } from './update-preferences';
export type { UpdateReport, UpdaterPort, UpdateServiceOptions } from './update-service';
export { dailyMs, UpdateService } from './update-service';
export type { UpdateErrorCode, UpdatePhase, UpdaterEvent, UpdateStatus } from './update-status';
export { nextStatus } from './update-status';
