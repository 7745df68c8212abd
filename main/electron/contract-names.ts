import type { Channel, EventName } from '../contract/index';

// The sandboxed preload cannot load zod, so it carries the names alone. `satisfies Record<…>`
// makes the compiler reject a missing or an extra name; a test compares them with the contract.

const channelTable = {
  'account:status': true,
  'account:connect': true,
  'account:disconnect': true,
  'account:demo': true,
  'catalogue:list': true,
  'catalogue:refresh': true,
  'downloads:list': true,
  'download:start': true,
  'download:link': true,
  'download:pause': true,
  'download:resume': true,
  'download:cancel': true,
  'download:retry': true,
  'download:pause-all': true,
  'download:resume-all': true,
  'library:remove': true,
  'library:verify': true,
  'library:export': true,
  'library:import': true,
  'library:storage': true,
  'storage:room': true,
  'plan:trip': true,
  'playback:source': true,
  'playback:save-position': true,
  'settings:get': true,
  'settings:set': true,
  'settings:move-library': true,
  'kiosk:unlock': true,
  'kiosk:now': true,
  'kiosk:video-stalled': true,
  'app:info': true,
  'updates:status': true,
  'updates:check': true,
  'updates:restart': true,
  'updates:set': true,
} as const satisfies Record<Channel, true>;

const eventTable = {
  'job:progress': true,
  'job:state': true,
  'catalogue:changed': true,
  connectivity: true,
  'library:problem': true,
  'library:move-progress': true,
  'updates:status': true,
} as const satisfies Record<EventName, true>;

/** Every channel the renderer may invoke. */
export const contractChannels: readonly string[] = Object.freeze(Object.keys(channelTable));
/** Every event main may push to the renderer. */
export const contractEvents: readonly string[] = Object.freeze(Object.keys(eventTable));
