import type { Channel, ParsedArgsOf, ResultOf } from '../contract/index';
import type { OffstreamApp } from '../core/app/index';
import type { UpdateService } from '../core/app/updates/index';
import {
  cancelDownload,
  listDownloads,
  pauseAllDownloads,
  pauseDownload,
  planTripFor,
  resumeAllDownloads,
  resumeDownload,
  retryDownload,
  roomOffer,
  saveFromLink,
  startDownload,
  startTripPlan,
} from '../core/app/use-cases/index';
import { tripPlanView } from './trip-plan-view';
import { cataloguePageView, importView, jobView, settingsView, verifyView } from './views';

/** One function per contract channel, typed from the contract: nothing missing, nothing extra. */
export type HandlerTable = {
  [C in Channel]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>>;
};

const done = { done: true } as const;

/**
 * The one table both shells serve: each channel calls a use case of the application core and
 * turns its domain answer into the contract's shape.
 */
export function createHandlers(app: OffstreamApp, updates: UpdateService): HandlerTable {
  const session = () => app.session();
  return {
    'account:status': async () => app.accountStatus(),
    'account:connect': (args) => app.connect(args),
    'account:disconnect': () => app.disconnect(),
    'account:demo': () => app.demo(),
    'catalogue:list': async (query) =>
      cataloguePageView(session().library, app.listCatalogue(query)),
    'catalogue:refresh': () => app.refreshCatalogue(),
    'downloads:list': async () => listDownloads(session()).map(jobView),
    'download:start': async (target) => jobView(startDownload(session(), target)),
    'download:link': async ({ url, name }) =>
      jobView(saveFromLink(session(), { url, name, now: new Date() })),
    'download:pause': async (target) => jobView(pauseDownload(session(), target)),
    'download:resume': async (target) => jobView(resumeDownload(session(), target)),
    'download:cancel': async (target) => jobView(await cancelDownload(session(), target)),
    'download:retry': async (target) => jobView(retryDownload(session(), target)),
    'download:pause-all': async () => ({ count: pauseAllDownloads(session()) }),
    'download:resume-all': async () => ({ count: resumeAllDownloads(session()) }),
    'library:remove': async ({ uid }) => {
      await app.removeVideo(uid);
      return done;
    },
    'library:verify': async () => verifyView(session().library, await app.verify()),
    'library:export': async () => {
      const report = await app.exportLibrary();
      return { videos: report.videos.length, bytes: report.bytes };
    },
    'library:import': async (args) => importView(await app.importLibrary(args)),
    'library:storage': () => app.storage(),
    'storage:room': ({ order }) => roomOffer(session(), order),
    'plan:trip': async ({ uids, readyBy, start }) => {
      const plan = await planTripFor(session(), { uids, readyBy, now: Date.now() });
      if (start) startTripPlan(session(), plan);
      return tripPlanView(plan);
    },
    'playback:source': async ({ uid }) => app.playbackSource(uid),
    'playback:save-position': async (position) => {
      app.savePosition(position);
      return done;
    },
    'settings:get': async () => settingsView(app.settings()),
    'settings:set': async (patch) => settingsView(await app.setSettings(patch)),
    'settings:move-library': async () => settingsView(await app.moveLibrary()),
    'kiosk:unlock': async ({ pin }) => ({ ok: await app.unlockKiosk(pin) }),
    'kiosk:now': async () => app.kioskNow(),
    'kiosk:video-stalled': async ({ uid, seconds }) => {
      app.videoStalled(uid, seconds);
      return done;
    },
    'app:info': async () => app.info(),
    'updates:status': async () => updates.status(),
    'updates:check': () => updates.checkNow(),
    'updates:restart': async () => updates.restartToUpdate(),
    'updates:set': (patch) => updates.setPreferences(patch),
  };
}
