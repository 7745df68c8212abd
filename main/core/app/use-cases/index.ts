// The use cases every shell calls (IPC and HTTP through main/handlers, and the CLI), one per
// file, in domain types; the translation into the contract's shapes lives in main/handlers.
export { cancelDownload } from './cancel-download';
export { cleanUpWatched } from './clean-up-watched';
export type { ExportOptions, ExportReport } from './export-library';
export { exportLibrary } from './export-library';
export type { ImportConflict, ImportOptions, ImportReport } from './import-library';
export { importLibrary } from './import-library';
export type { KioskNow } from './kiosk-now';
export { kioskNow } from './kiosk-now';
export { listAccountVideos } from './list-account-videos';
export { downloadsSettled, listDownloads } from './list-downloads';
export type { RenditionRow } from './list-renditions';
export { listRenditions } from './list-renditions';
export { pauseAllDownloads, pauseDownload } from './pause-download';
export type { TripRequest } from './plan-trip';
export { planTripFor, startTripPlan } from './plan-trip';
export type { RemovedVideo } from './remove-video';
export { removeVideo } from './remove-video';
export { resumeAllDownloads, resumeDownload } from './resume-download';
export { retryDownload } from './retry-download';
export type { RoomOffer, RoomOrder } from './room-offer';
export { roomOffer } from './room-offer';
export type { LinkRequest } from './save-from-link';
export { linkTarget, saveFromLink } from './save-from-link';
export { startDownload } from './start-download';
export type { Target } from './target';
export type { VerifyReport } from './verify-library';
export { verifyLibrary } from './verify-library';
