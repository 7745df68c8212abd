import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { systemClock } from '../clock';
import { closeServer, listenOnLoopback } from '../http/listen';
import { silentLogger } from '../log';
import { createApiHandler } from './api';
import { type AccountCredentials, issueToken } from './auth';
import { createDeliveryHandler } from './delivery';
import { FaultPlan } from './faults';
import { SigningKeyring } from './jwt';
import { RateLimiter } from './rate-limit';
import { VideoStore } from './store';
import type {
  ApiFaults,
  ApiVariants,
  DeliveryFaults,
  EmulatorControl,
  EmulatorOptions,
  RecordedRequest,
  RunningEmulator,
  TokenKind,
} from './types';

export { cloudflareRateLimit } from './rate-limit';
export { erroredVideoUid, processingVideoUid } from './store';
export type * from './types';

/** The demo account: fixed so a saved library keeps pointing at the same emulated account. */
export const demoAccountId = '7e4c1f0a9b2d4c6e8f1a3b5c7d9e0f21';

/**
 * Starts the local Cloudflare Stream: the `/client/v4` API and a delivery host on another port,
 * both on 127.0.0.1 (over HTTPS when given `tls`), sharing one clock, one video store and one
 * signing keyring.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const tokenKind: TokenKind = options.tokenKind ?? 'account';
  const credentials: AccountCredentials = {
    tokens: new Map(),
    legacy: { email: 'demo@offstream.example', key: `cfk_${randomBytes(20).toString('hex')}` },
  };
  const token = issueToken(
    credentials,
    { kind: tokenKind, permission: 'stream:write' },
    options.token,
  );
  const readToken = issueToken(credentials, { kind: tokenKind, permission: 'stream:read' });
  const { apiServer, deliveryServer, apiPort, deliveryPort } = await listen(options);
  const scheme = options.tls ? 'https' : 'http';
  const deliveryBase = `${scheme}://127.0.0.1:${deliveryPort}`;
  const store = new VideoStore({
    clock,
    preparationMs: options.preparationMs ?? 4000,
    processingMs: options.processingMs ?? 60_000,
  });
  if (options.samples ?? true) store.loadSamples();
  const keyring = new SigningKeyring(clock);
  const apiFaults = new FaultPlan<ApiFaults>();
  const deliveryFaults = new FaultPlan<DeliveryFaults>();
  const requests: RecordedRequest[] = [];
  const record = (r: RecordedRequest) => requests.push(r);
  const delivered = new Map<string, number>();
  const peaks = new Map<string, number>();
  const accountId = options.accountId ?? demoAccountId;
  const variants: ApiVariants = { idFilter: 'supported', typedDownloadDelete: true };
  const deliver = createDeliveryHandler({
    videos: store.videos,
    keyring,
    clock,
    faults: deliveryFaults,
    record,
    delivered: (uid, bytes) => delivered.set(uid, (delivered.get(uid) ?? 0) + bytes),
    sending: (uid, bodies) => peaks.set(uid, Math.max(peaks.get(uid) ?? 0, bodies)),
    logger: logger.child({ emulator: 'delivery' }),
  });
  deliveryServer.on('request', refreshing(store, deliver));
  apiServer.on(
    'request',
    createApiHandler({
      store,
      keyring,
      clock,
      faults: apiFaults,
      credentials,
      accountId,
      deliveryBase,
      ...(options.rateLimit ? { limiter: new RateLimiter(options.rateLimit, clock) } : {}),
      variants,
      record,
      logger: logger.child({ emulator: 'api' }),
    }),
  );
  const control: EmulatorControl = {
    ...controlOf(store, apiFaults, deliveryFaults),
    addToken: (spec) => issueToken(credentials, spec),
    setApiVariants: (changes) => Object.assign(variants, changes),
  };
  logger.info('emulator started', { apiPort, deliveryPort, scheme });
  return {
    apiBase: `${scheme}://127.0.0.1:${apiPort}/client/v4`,
    deliveryBase,
    accountId,
    token,
    readToken,
    tokenKind,
    legacy: credentials.legacy,
    videos: store.videos,
    requests,
    control,
    deliveredBytes: (uid) =>
      uid === undefined
        ? [...delivered.values()].reduce((sum, n) => sum + n, 0)
        : (delivered.get(uid) ?? 0),
    peakConnections: (uid) =>
      uid === undefined ? Math.max(0, ...peaks.values()) : (peaks.get(uid) ?? 0),
    close: async () => {
      await Promise.all([closeServer(apiServer), closeServer(deliveryServer)]);
    },
  };
}

/** Binds the API and the delivery host; neither stays open if the other cannot listen. */
async function listen(options: EmulatorOptions) {
  const newServer = (): Server =>
    options.tls
      ? createTlsServer({ key: options.tls.key, cert: options.tls.cert })
      : createServer();
  const apiServer = newServer();
  const deliveryServer = newServer();
  const apiPort = await listenOnLoopback(apiServer, options.port ?? 0);
  const deliveryPort = await listenOnLoopback(deliveryServer, options.deliveryPort ?? 0).catch(
    async (error: unknown) => {
      await closeServer(apiServer);
      throw error;
    },
  );
  return { apiServer, deliveryServer, apiPort, deliveryPort };
}

/** Progress is a function of the clock; bring it up to date before the delivery side looks. */
function refreshing(store: VideoStore, handler: RequestListener): RequestListener {
  return (req, res) => {
    store.refresh();
    handler(req, res);
  };
}

function controlOf(
  store: VideoStore,
  apiFaults: FaultPlan<ApiFaults>,
  deliveryFaults: FaultPlan<DeliveryFaults>,
): Omit<EmulatorControl, 'addToken' | 'setApiVariants'> {
  return {
    addSyntheticVideo: (o) => store.addSyntheticVideo(o),
    setVideoState: (uid, state, error) => store.setVideoState(uid, state, error),
    finishDownloads: (uid) => store.finishDownloads(uid),
    failDownload: (uid, kind) => store.failDownload(uid, kind),
    replaceMedia: (uid, kind) => store.replaceMedia(uid, kind),
    setDeliveryFaults: (faults) => deliveryFaults.set(faults),
    setApiFaults: (faults) => apiFaults.set(faults),
    editVideo: (uid, edit) => {
      if (!store.videos.has(uid)) throw new Error(`no video ${uid}`);
      store.edit(uid, {
        ...(edit.name !== undefined ? { meta: { name: edit.name } } : {}),
        ...(edit.requireSignedURLs !== undefined
          ? { requireSignedURLs: edit.requireSignedURLs }
          : {}),
        ...(edit.scheduledDeletion !== undefined
          ? { scheduledDeletion: edit.scheduledDeletion }
          : {}),
      });
    },
    deleteVideo: (uid) => {
      if (!store.deleteVideo(uid)) throw new Error(`no video ${uid}`);
    },
  };
}
