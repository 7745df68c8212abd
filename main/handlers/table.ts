import type { Channel, ParsedArgsOf, ResultOf } from '../contract/index';
import type { OffstreamApp } from '../core/app/index';

/** One function per contract channel, typed from the contract: nothing missing, nothing extra. */
export type HandlerTable = {
  [C in Channel]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>>;
};

const done = { done: true } as const;

/** The one table both shells serve: each channel is a call into the application core. */
export function createHandlers(app: OffstreamApp): HandlerTable {
  return {
    'account:status': async () => app.accountStatus(),
    'account:connect': (args) => app.connect(args),
    'account:disconnect': () => app.disconnect(),
    'account:demo': () => app.demo(),
    'catalogue:list': async (query) => app.listCatalogue(query),
    'catalogue:refresh': () => app.refreshCatalogue(),
    'downloads:list': async () => app.downloads().list(),
    'download:start': async (target) => app.downloads().start(target),
    'download:link': async ({ url, name }) => app.downloads().link(url, name, new Date()),
    'download:pause': async (target) => app.downloads().pause(target),
    'download:resume': async (target) => app.downloads().resume(target),
    'download:cancel': (target) => app.downloads().cancel(target),
    'download:retry': async (target) => app.downloads().retry(target),
    'download:pause-all': async () => ({ count: app.downloads().pauseAll() }),
    'download:resume-all': async () => ({ count: app.downloads().resumeAll() }),
    'library:remove': async ({ uid }) => {
      await app.removeVideo(uid);
      return done;
    },
    'library:verify': () => app.verify(),
    'library:export': () => app.exportLibrary(),
    'library:import': (args) => app.importLibrary(args),
    'library:storage': () => app.storage(),
    'playback:source': async ({ uid }) => app.playbackSource(uid),
    'playback:save-position': async (position) => {
      app.savePosition(position);
      return done;
    },
    'settings:get': async () => app.settings(),
    'settings:set': (patch) => app.setSettings(patch),
    'settings:move-library': () => app.moveLibrary(),
    'kiosk:unlock': async ({ pin }) => ({ ok: await app.unlockKiosk(pin) }),
    'app:info': async () => app.info(),
  };
}
