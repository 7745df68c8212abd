import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type {
  AccountStatus,
  ParsedArgsOf,
  PlaybackSource,
  Problem,
  ResultOf,
} from '../../contract/index';
import { type Clock, systemClock } from '../clock';
import { createHttpStack, type HttpStack } from '../http/http-stack';
import { defaultLibraryFolder } from '../library/default-location';
import type { LibraryIndex } from '../library/index';
import { type Logger, silentLogger } from '../log';
import { machineZone } from '../schedule/evaluate';
import type { StreamClientOptions } from '../stream/client';
import { AppEventHub } from './app-events';
import { type CatalogueSlice, cataloguePage, refreshCatalogue } from './catalogue';
import { type AppConfig, readAppConfig, writeAppConfig } from './config';
import {
  accountConnection,
  type Connection,
  checkToken,
  demoConnection,
  type StartDemo,
} from './connection';
import { appErrors, ProblemError } from './errors';
import { refuseAccountChange } from './fleet/enforce-policy';
import { fleetErrors } from './fleet/fleet-errors';
import { defaultProfileSyncMs, startManagedSync } from './fleet/managed-sync';
import { isLocked, noPolicy, type Policy } from './fleet/policy';
import { previousSync, writeStatusReport } from './fleet/status-report';
import { LibrarySession, type QueueTuning } from './library-session';
import { checkMoveTarget, copyLibrary, removeCopy, removeOldLibrary } from './move-library';
import { environmentNetwork, type NetworkEnvironment } from './network';
import { playbackSource } from './playback';
import { problemOf } from './problems';
import { type RestartKind, recordRestart, restartsSince } from './restart-log';
import { memorySecretStore, type SecretStore } from './secret-store';
import { type AppSettings, changeSettings, readSettings, unlockKiosk } from './settings';
import type { StartAtLogin } from './start-at-login';
import { type StorageUsage, storageUsage } from './storage-usage';
import { UpstreamWatch } from './upstream-watch';
import {
  type ExportReport,
  expireSavedVideos,
  exportLibrary,
  type ImportReport,
  importLibrary,
  type KioskNow,
  kioskNow,
  type RecheckOptions,
  type RecheckReport,
  type RemovedVideo,
  recheckSavedVideos,
  removeVideo,
  syncProfileFile,
  type VerifyReport,
  verifyLibrary,
} from './use-cases/index';
import { defaultWatchdogPolicy, relaunchAllowed, type WatchdogPolicy } from './watchdog';

export type FolderPurpose = 'export' | 'import' | 'move-library';

export interface OffstreamAppOptions {
  /** Where offstream.json lives (the shell's userData, or a temp folder in tests). */
  configDir: string;
  secrets: SecretStore;
  startDemo: StartDemo;
  /** Asks the person for a folder; undefined when they cancel. */
  chooseFolder(purpose: FolderPurpose): Promise<string | undefined>;
  /** Cloudflare's API by default; tests point it at the emulator. */
  apiBase?: string;
  /** Library folder when the config names none (default: the per-user folder the CLI uses). */
  libraryFolder?: string;
  info: {
    version: string;
    transport: 'ipc' | 'http';
    kiosk?: boolean;
    /** The OS's preferred languages (Electron); the browser mode leaves it to the browser. */
    systemLanguages?: readonly string[];
  };
  /** How this shell reaches the network: system proxy, trusted authorities, proxy password. */
  network?: NetworkEnvironment;
  /**
   * An account given on the command line or in the environment: the app connects to it and to
   * nothing else. If it fails, the failure is what the person sees, never a stored connection.
   */
  explicitAccount?: { accountId: string; token: string };
  /** The zone kiosk and download schedules are read in; the machine's own by default. */
  timeZone?: string;
  /** How this shell starts the app at login; without one the setting is only stored. */
  startAtLogin?: StartAtLogin;
  /** IT's machine-wide policy (see fleet/policy.ts); none by default. */
  policy?: Policy;
  /** How often a managed library syncs to its profile (default hourly); tests shorten it. */
  profileSyncMs?: number;
  clock?: Clock;
  logger?: Logger;
  tuning?: { queue?: QueueTuning; streamRetry?: StreamClientOptions['retry'] };
  /** The re-check of saved videos against the account: how often, and its batches and reserve. */
  upstreamCheck?: RecheckOptions & { intervalMs?: number };
}

/** Slow on purpose: upstream changes are rare, and the API budget belongs to downloads. */
const upstreamCheckIntervalMs = 6 * 3600_000;

const cloudflareApi = 'https://api.cloudflare.com/client/v4';

/**
 * The application behind the contract: the open library and its queue, the connected account
 * (or the demo), the app config, connectivity. Electron-free; both shells drive it through the
 * handler table. Every method answers in the contract's shapes.
 */
export class OffstreamApp {
  readonly events: AppEventHub;
  /** Every request the app makes leaves through this one stack. */
  readonly http: HttpStack = createHttpStack();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly network: NetworkEnvironment;
  private readonly policy: Policy;
  private librarySession: LibrarySession | undefined;
  private libraryError: unknown;
  private connection: Connection | undefined;
  private accountProblem: Problem | null = null;
  private online = true;
  private moving = false;
  /** The folder of the last import that left videos out, for its "Replace them". */
  private importFolder: string | undefined;
  private readonly watch: UpstreamWatch;
  /** One re-check at a time: the schedule and a person's refresh share it. */
  private rechecking: Promise<RecheckReport> | undefined;
  private managedSync: { stop(): Promise<void> } | undefined;

  private constructor(
    private readonly options: OffstreamAppOptions,
    private config: AppConfig,
  ) {
    this.clock = options.clock ?? systemClock;
    this.policy = options.policy ?? noPolicy();
    // Tests that say nothing get direct connections, whatever the developer's shell has set.
    this.network = options.network ?? environmentNetwork({}, memorySecretStore());
    this.logger = (options.logger ?? silentLogger).child({ component: 'app' });
    this.events = new AppEventHub(this.logger);
    this.watch = new UpstreamWatch({
      clock: this.clock,
      logger: this.logger,
      intervalMs: options.upstreamCheck?.intervalMs ?? upstreamCheckIntervalMs,
      lastCheck: () => this.library?.getSetting('upstreamCheckedAt') ?? null,
      nextExpiry: () => this.library?.nextUpstreamExpiry() ?? null,
      recheck: async () => {
        if (!this.connection || !this.online) return false;
        // Videos left for later (the budget went to downloads) are tried again sooner.
        return (await this.recheckUpstream()).deferred === 0;
      },
      expire: async () => {
        if (!this.library) return;
        const expired = await expireSavedVideos(this.session(), this.clock);
        if (expired.length > 0) this.events.emit('catalogue:changed', {});
      },
    });
  }

  static async open(options: OffstreamAppOptions): Promise<OffstreamApp> {
    const config = await readAppConfig(options.configDir, options.logger ?? silentLogger);
    const app = new OffstreamApp(options, config);
    await app.restoreAccount();
    app.openSession(app.libraryFolder());
    if (options.explicitAccount) await app.checkExplicitAccount();
    await app.syncStartAtLogin();
    app.watch.start();
    await app.startManaged();
    return app;
  }

  /** The profile this machine is managed by: the policy's, else the app config's. */
  private profileFile(): string | undefined {
    return this.policy.values.profile ?? this.config.profile;
  }

  /**
   * A managed machine (a policy or a profile) reports its state at start, then syncs to its
   * profile on a timer while an account is connected and the network is up.
   */
  private async startManaged(): Promise<void> {
    const profile = this.profileFile() ?? null;
    const library = this.librarySession?.library;
    if (!library || (profile === null && Object.keys(this.policy.values).length === 0)) return;
    const lastSync = await previousSync(library);
    const facts = { appVersion: this.options.info.version, profile, lastSync, clock: this.clock };
    await writeStatusReport(library, facts).catch((error: unknown) =>
      this.logger.warn('the status report could not be written', { error: String(error) }),
    );
    if (profile === null) return;
    this.managedSync = startManagedSync({
      sync: (signal) => this.syncProfile(profile, signal),
      clock: this.clock,
      logger: this.logger,
      intervalMs: this.options.profileSyncMs ?? defaultProfileSyncMs,
    });
  }

  private async syncProfile(file: string, signal: AbortSignal): Promise<void> {
    if (!this.connection || !this.online || this.moving || !this.librarySession) return;
    const context = {
      policy: this.policy,
      appVersion: this.options.info.version,
      clock: this.clock,
      secrets: this.secrets(),
      signal,
    };
    try {
      await syncProfileFile(this.librarySession, this.connection.stream, file, context);
    } finally {
      this.events.emit('catalogue:changed', {});
    }
  }

  /** Values that must never leave the app: cut out of every problem and log line. */
  secrets(): string[] {
    return this.connection ? [this.connection.token] : [];
  }

  /** The open library, for media requests; undefined while none is usable. */
  get library(): LibraryIndex | undefined {
    return this.moving ? undefined : this.librarySession?.library;
  }

  accountStatus(): AccountStatus {
    const explicit = this.options.explicitAccount;
    const wanted = explicit
      ? { mode: 'account' as const, accountId: explicit.accountId }
      : { mode: this.config.mode, accountId: this.config.accountId };
    const mode = this.connection?.mode ?? (this.accountProblem ? wanted.mode : 'none');
    return {
      mode,
      accountId: this.connection?.accountId ?? (mode === 'none' ? null : wanted.accountId),
      problem: this.accountProblem,
    };
  }

  async connect(args: ParsedArgsOf<'account:connect'>): Promise<AccountStatus> {
    refuseAccountChange(this.policy, args.accountId);
    await this.requireSecretStorage();
    const candidate = accountConnection(
      this.apiBase(),
      args.accountId,
      args.apiToken,
      this.clientDeps(),
    );
    try {
      await checkToken(candidate.stream);
    } catch (error) {
      throw new ProblemError(problemOf(error, [args.apiToken]));
    }
    await this.options.secrets.save(args.apiToken);
    await this.switchTo(candidate, { mode: 'account', accountId: args.accountId });
    return this.accountStatus();
  }

  async demo(): Promise<AccountStatus> {
    refuseAccountChange(this.policy);
    const demo = await demoConnection(this.options.startDemo, this.clientDeps());
    await this.switchTo(demo, { mode: 'demo', accountId: demo.accountId });
    return this.accountStatus();
  }

  async disconnect(): Promise<AccountStatus> {
    refuseAccountChange(this.policy);
    if ((await this.options.secrets.status()).ok) await this.options.secrets.clear();
    await this.switchTo(undefined, { mode: 'none', accountId: null });
    return this.accountStatus();
  }

  listCatalogue(query: ParsedArgsOf<'catalogue:list'>): CatalogueSlice {
    const remote = this.connection !== undefined && this.online;
    return cataloguePage(this.session().library, query, remote);
  }

  async refreshCatalogue(): Promise<ResultOf<'catalogue:refresh'>> {
    const { library } = this.session();
    if (!this.connection) throw appErrors.noAccount();
    const count = await refreshCatalogue(library, this.connection.stream, this.clock);
    // The listing stands even if the re-check fails; the schedule tries it again later.
    await this.recheckUpstream().catch((error: unknown) => {
      const { code } = problemOf(error, this.secrets());
      this.logger.warn('re-checking the saved videos failed', { code });
    });
    this.events.emit('catalogue:changed', {});
    return { count };
  }

  /** Re-checks the saved videos against the account now (also run by the slow schedule). */
  recheckUpstream(): Promise<RecheckReport> {
    const connection = this.connection;
    if (!connection) return Promise.reject(appErrors.noAccount());
    const { intervalMs: _interval, ...options } = this.options.upstreamCheck ?? {};
    this.rechecking ??= recheckSavedVideos(this.session(), connection.stream, this.clock, options)
      .then((report) => {
        this.events.emit('catalogue:changed', {});
        this.watch.replan();
        return report;
      })
      .finally(() => {
        this.rechecking = undefined;
      });
    return this.rechecking;
  }

  async removeVideo(uid: string): Promise<RemovedVideo> {
    const removed = await removeVideo(this.session(), uid);
    this.events.emit('catalogue:changed', {});
    return removed;
  }

  async verify(): Promise<VerifyReport> {
    const report = await verifyLibrary(this.session());
    if (report.missing.length + report.corrupt.length > 0) {
      this.events.emit('catalogue:changed', {});
    }
    return report;
  }

  async exportLibrary(): Promise<ExportReport> {
    const session = this.session();
    return exportLibrary(session, await this.chooseFolder('export'));
  }

  /** `replace` answers the last import's conflicts: the same folder, without asking again. */
  async importLibrary(args: { replace?: boolean | undefined }): Promise<ImportReport> {
    const session = this.session();
    const replace = args.replace === true;
    const folder = (replace && this.importFolder) || (await this.chooseFolder('import'));
    const report = await importLibrary(session, folder, { replace });
    this.importFolder = report.conflicts.length > 0 ? folder : undefined;
    this.events.emit('catalogue:changed', {});
    return report;
  }

  storage(): Promise<StorageUsage> {
    return storageUsage(this.session().library);
  }

  playbackSource(uid: string): PlaybackSource {
    return playbackSource(this.session().library, uid);
  }

  savePosition(args: ParsedArgsOf<'playback:save-position'>): void {
    this.session().library.savePosition(args.uid, args.seconds, args.duration);
  }

  /** Writes a watchdog restart into the library's restartLog; only logged without a library. */
  recordRestart(what: RestartKind, detail: string): void {
    const library = this.library;
    if (!library) {
      this.logger.warn('watchdog restart (no library to record it in)', { what, detail });
      return;
    }
    recordRestart(library, { what, detail, at: this.clock.now() }, this.logger);
  }

  /**
   * After a fatal error: whether the recent relaunches (from restartLog) leave room for one
   * more, recording it when they do. Without a library nothing can be counted, so no relaunch.
   */
  claimRelaunch(detail: string, policy: WatchdogPolicy = defaultWatchdogPolicy): boolean {
    const library = this.library;
    if (!library) return false;
    const now = this.clock.now();
    const earlier = restartsSince(library, 'app-relaunched', now - policy.relaunches.withinMs);
    if (
      !relaunchAllowed(
        earlier.map((e) => e.at),
        now,
        policy,
      )
    )
      return false;
    recordRestart(library, { what: 'app-relaunched', detail, at: now }, this.logger);
    return true;
  }

  /** The kiosk schedule at this moment (see kioskNow). */
  kioskNow(): KioskNow {
    return kioskNow(this.session().library, this.clock.now(), this.timeZone());
  }

  /** The kiosk skipped a video that stood still: recorded like every watchdog restart. */
  videoStalled(uid: string, seconds: number): void {
    const at = Math.round(seconds * 10) / 10;
    this.recordRestart('video-stalled', `video ${uid} stood still at ${at} s; skipped to the next`);
  }

  settings(): AppSettings {
    return readSettings(this.session().library, this.config.kioskOnStart, this.policy);
  }

  async setSettings(patch: ParsedArgsOf<'settings:set'>): Promise<AppSettings> {
    const session = this.session();
    const { policy, network } = this;
    // The OS part of start at login runs once every check has passed, before the rest is written.
    const beforeWrite = async () => {
      if (patch.startAtLogin !== undefined) await this.applyStartAtLogin(patch.startAtLogin);
    };
    await changeSettings(session, patch, { policy, network, now: this.clock.now(), beforeWrite });
    const { kioskOnStart } = patch;
    if (kioskOnStart !== undefined) await this.saveConfig({ ...this.config, kioskOnStart });
    return readSettings(session.library, this.config.kioskOnStart, policy);
  }

  unlockKiosk(pin: string): Promise<boolean> {
    return unlockKiosk(this.session().library, pin, this.clock.now());
  }

  info(): ResultOf<'app:info'> {
    const { version, transport, kiosk, systemLanguages } = this.options.info;
    return {
      version,
      transport,
      platform: process.platform,
      kiosk: kiosk ?? false,
      systemLanguages: [...(systemLanguages ?? [])],
    };
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.librarySession?.queue.setOnline(online);
    this.events.emit('connectivity', { online });
  }

  /**
   * Moves the library to a chosen empty folder: stops the queue, closes the index, copies with
   * progress events, checks sizes, switches the config, reopens there, and only then deletes
   * the old copy. On any failure the app stays on the old library, which was never touched.
   */
  async moveLibrary(): Promise<AppSettings> {
    if (isLocked(this.policy, 'libraryFolder'))
      throw fleetErrors.settingLocked(['libraryLocation']);
    const from = this.session().folder;
    const to = resolve(await this.chooseFolder('move-library'));
    await checkMoveTarget(from, to);
    const existed = await lstat(to).then(
      () => true,
      () => false,
    );
    this.moving = true;
    try {
      await this.librarySession?.close();
      this.librarySession = undefined;
      const files = await this.copyInto(from, to, existed);
      await removeOldLibrary(from, files).catch((error: unknown) =>
        this.logger.warn('the old library folder could not be removed', { error: String(error) }),
      );
    } finally {
      this.moving = false;
      if (!this.librarySession) this.openSession(from);
    }
    return this.settings();
  }

  async close(): Promise<void> {
    await this.watch.stop();
    await this.rechecking?.catch(() => {});
    await this.managedSync?.stop();
    this.managedSync = undefined;
    await this.librarySession?.close();
    this.librarySession = undefined;
    await this.connection?.close();
    this.connection = undefined;
  }

  private async copyInto(from: string, to: string, existed: boolean) {
    const files = await copyLibrary(from, to, (bytesDone, bytesTotal) =>
      this.events.emit('library:move-progress', { bytesDone, bytesTotal }),
    );
    try {
      this.librarySession = LibrarySession.open(to, this.sessionDeps(), this.connection?.stream);
      // The connection moves with its library.
      const moved = this.connectionBelongsHere()
        ? { connectionLibrary: this.librarySession.folder }
        : {};
      await this.saveConfig({
        ...this.config,
        libraryFolder: this.librarySession.folder,
        ...moved,
      });
    } catch (error) {
      await this.librarySession?.close();
      this.librarySession = undefined;
      await removeCopy(to, existed);
      throw appErrors.moveFailed((error as Error).message, error);
    }
    return files;
  }

  /** The OS is told first: if it refuses, the stored setting still says what is true. */
  private async applyStartAtLogin(enabled: boolean): Promise<void> {
    const apply = this.options.startAtLogin;
    if (apply) {
      try {
        await apply(enabled);
      } catch (error) {
        throw appErrors.startAtLoginFailed((error as Error).message, error);
      }
    }
    this.session().library.setSetting('startAtLogin', enabled);
  }

  /** The setting may have changed where the OS could not be told (browser mode, the CLI). */
  private async syncStartAtLogin(): Promise<void> {
    const library = this.librarySession?.library;
    if (!library || !this.options.startAtLogin) return;
    await this.options
      .startAtLogin(library.getSetting('startAtLogin'))
      .catch((error: unknown) =>
        this.logger.warn('start at login could not be applied', { error: String(error) }),
      );
  }

  private async requireSecretStorage(): Promise<void> {
    const storage = await this.options.secrets.status();
    if (storage.ok) return;
    const { message, action } = storage.problem;
    throw new ProblemError({
      code: 'secret_storage_unavailable',
      message,
      action: action ?? appErrors.secretStorageUnavailable().action ?? '',
    });
  }

  private async chooseFolder(purpose: FolderPurpose): Promise<string> {
    const folder = await this.options.chooseFolder(purpose);
    if (!folder) throw appErrors.cancelled();
    return folder;
  }

  /** The open library and its queue, for the use cases; a coded refusal while there is none. */
  session(): LibrarySession {
    if (this.moving) throw appErrors.busy('moving to another folder');
    if (!this.librarySession) throw appErrors.libraryUnavailable(this.libraryError);
    return this.librarySession;
  }

  private timeZone(): string {
    return this.options.timeZone ?? machineZone();
  }

  private libraryFolder(): string {
    return (
      this.policy.values.libraryFolder ??
      this.config.libraryFolder ??
      this.options.libraryFolder ??
      defaultLibraryFolder()
    );
  }

  private openSession(folder: string): void {
    try {
      this.librarySession = LibrarySession.open(
        folder,
        this.sessionDeps(),
        this.connection?.stream,
      );
      this.libraryError = undefined;
    } catch (error) {
      this.libraryError = error;
      this.logger.error('the library could not be opened', { error: String(error) });
    }
  }

  /**
   * Brings back the account of the last run (the demo restarts, a saved token is loaded), but
   * only in the library folder it was made for. An explicit account replaces all of that.
   */
  private async restoreAccount(): Promise<void> {
    // An account the policy names is the one to restore, with the token saved for it.
    const fixed = this.policy.values.accountId;
    const { mode, accountId } = fixed ? { mode: 'account', accountId: fixed } : this.config;
    const explicit = this.options.explicitAccount;
    if (explicit) {
      const { accountId: id, token } = explicit;
      this.connection = accountConnection(this.apiBase(), id, token, this.clientDeps());
      return;
    }
    if (!this.connectionBelongsHere()) return;
    try {
      if (mode === 'demo') {
        this.connection = await demoConnection(this.options.startDemo, this.clientDeps());
      } else if (mode === 'account' && accountId) {
        this.connection = await this.savedAccount(accountId);
      }
    } catch (error) {
      this.accountProblem = problemOf(error, this.secrets());
    }
  }

  /** Older configs name no folder: theirs was the configured (or default) library. */
  private connectionBelongsHere(): boolean {
    const madeIn =
      this.config.connectionLibrary ?? this.config.libraryFolder ?? defaultLibraryFolder();
    return resolve(madeIn) === resolve(this.libraryFolder());
  }

  /** Proves the explicit account (through the library's network settings, now applied). */
  private async checkExplicitAccount(): Promise<void> {
    const candidate = this.connection;
    if (!candidate) return;
    try {
      await checkToken(candidate.stream);
    } catch (error) {
      this.accountProblem = problemOf(error, this.secrets());
      this.logger.warn('the account given could not connect', { code: this.accountProblem.code });
      this.connection = undefined;
      await this.librarySession?.setStream(undefined);
    }
  }

  private apiBase(): string {
    return this.options.apiBase ?? cloudflareApi;
  }

  private async savedAccount(accountId: string): Promise<Connection> {
    await this.requireSecretStorage();
    const token = await this.options.secrets.load();
    if (!token) throw appErrors.tokenMissing();
    return accountConnection(this.apiBase(), accountId, token, this.clientDeps());
  }

  private async switchTo(
    next: Connection | undefined,
    config: Pick<AppConfig, 'mode' | 'accountId'>,
  ) {
    const previous = this.connection;
    this.connection = next;
    this.accountProblem = null;
    const connectionLibrary = this.librarySession?.folder ?? this.libraryFolder();
    await this.saveConfig({ ...this.config, ...config, connectionLibrary });
    if (config.accountId) this.librarySession?.library.setSetting('accountId', config.accountId);
    await this.librarySession?.applyNetwork();
    await this.librarySession?.setStream(next?.stream);
    if (previous && previous !== next) await previous.close();
    this.watch.replan();
    this.events.emit('catalogue:changed', {});
  }

  private async saveConfig(config: AppConfig): Promise<void> {
    await writeAppConfig(this.options.configDir, config);
    this.config = config;
  }

  private clientDeps() {
    const retry = this.options.tuning?.streamRetry;
    const deps = { clock: this.clock, logger: this.logger, http: this.http };
    return { ...deps, ...(retry ? { retry } : {}) };
  }

  private sessionDeps() {
    return {
      clock: this.clock,
      logger: this.logger,
      hub: this.events,
      tuning: this.options.tuning?.queue ?? {},
      secrets: () => this.secrets(),
      http: this.http,
      timeZone: this.timeZone(),
      policy: this.policy,
      // The demo is a server on this machine: no proxy could (or should) reach it.
      network: () => ({ ...this.network, directOrigins: this.connection?.localOrigins ?? [] }),
    };
  }
}
