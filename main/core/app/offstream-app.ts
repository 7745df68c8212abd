import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type {
  AccountStatus,
  CataloguePage,
  ParsedArgsOf,
  PlaybackSource,
  Problem,
  ResultOf,
  Settings,
} from '../../contract/index';
import { type Clock, systemClock } from '../clock';
import { defaultLibraryFolder } from '../library/default-location';
import type { LibraryIndex } from '../library/index';
import { exportLibrary, importLibrary } from '../library/portable/index';
import { type Logger, silentLogger } from '../log';
import type { StreamClientOptions } from '../stream/client';
import { AppEventHub } from './app-events';
import { cataloguePage, refreshCatalogue } from './catalogue';
import { type AppConfig, readAppConfig, writeAppConfig } from './config';
import {
  accountConnection,
  type Connection,
  checkToken,
  demoConnection,
  type StartDemo,
} from './connection';
import { Downloads } from './downloads';
import { appErrors, ProblemError } from './errors';
import { removeVideo, storageUsage, verifyReport } from './library-ops';
import { LibrarySession, type QueueTuning } from './library-session';
import { checkMoveTarget, copyLibrary, removeCopy, removeOldLibrary } from './move-library';
import { playbackSource } from './playback';
import { problemOf } from './problems';
import type { SecretStore } from './secret-store';
import { applySettings, readSettings, unlockKiosk } from './settings';

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
  info: { version: string; transport: 'ipc' | 'http'; kiosk?: boolean };
  clock?: Clock;
  logger?: Logger;
  tuning?: { queue?: QueueTuning; streamRetry?: StreamClientOptions['retry'] };
}

const cloudflareApi = 'https://api.cloudflare.com/client/v4';

/**
 * The application behind the contract: the open library and its queue, the connected account
 * (or the demo), the app config, connectivity. Electron-free; both shells drive it through the
 * handler table. Every method answers in the contract's shapes.
 */
export class OffstreamApp {
  readonly events: AppEventHub;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private session: LibrarySession | undefined;
  private libraryError: unknown;
  private connection: Connection | undefined;
  private accountProblem: Problem | null = null;
  private online = true;
  private moving = false;

  private constructor(
    private readonly options: OffstreamAppOptions,
    private config: AppConfig,
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger).child({ component: 'app' });
    this.events = new AppEventHub(this.logger);
  }

  static async open(options: OffstreamAppOptions): Promise<OffstreamApp> {
    const config = await readAppConfig(options.configDir, options.logger ?? silentLogger);
    const app = new OffstreamApp(options, config);
    await app.restoreAccount();
    app.openSession(app.libraryFolder());
    return app;
  }

  /** Values that must never leave the app: cut out of every problem and log line. */
  secrets(): string[] {
    return this.connection ? [this.connection.token] : [];
  }

  /** The open library, for media requests; undefined while none is usable. */
  get library(): LibraryIndex | undefined {
    return this.moving ? undefined : this.session?.library;
  }

  accountStatus(): AccountStatus {
    const mode = this.connection?.mode ?? (this.accountProblem ? this.config.mode : 'none');
    return {
      mode,
      accountId: this.connection?.accountId ?? (mode === 'none' ? null : this.config.accountId),
      problem: this.accountProblem,
    };
  }

  async connect(args: ParsedArgsOf<'account:connect'>): Promise<AccountStatus> {
    await this.requireSecretStorage();
    const apiBase = this.options.apiBase ?? cloudflareApi;
    const candidate = accountConnection(apiBase, args.accountId, args.apiToken, this.clientDeps());
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
    const demo = await demoConnection(this.options.startDemo, this.clientDeps());
    await this.switchTo(demo, { mode: 'demo', accountId: demo.accountId });
    return this.accountStatus();
  }

  async disconnect(): Promise<AccountStatus> {
    if ((await this.options.secrets.status()).ok) await this.options.secrets.clear();
    await this.switchTo(undefined, { mode: 'none', accountId: null });
    return this.accountStatus();
  }

  listCatalogue(query: ParsedArgsOf<'catalogue:list'>): CataloguePage {
    const remote = this.connection !== undefined && this.online;
    return cataloguePage(this.requireSession().library, query, remote);
  }

  async refreshCatalogue(): Promise<ResultOf<'catalogue:refresh'>> {
    const { library } = this.requireSession();
    if (!this.connection) throw appErrors.noAccount();
    const count = await refreshCatalogue(library, this.connection.stream, this.clock);
    this.events.emit('catalogue:changed', {});
    return { count };
  }

  downloads(): Downloads {
    const session = this.requireSession();
    return new Downloads(session.library, session.queue);
  }

  async removeVideo(uid: string): Promise<void> {
    const session = this.requireSession();
    await removeVideo(session.library, session.queue, uid);
    this.events.emit('catalogue:changed', {});
  }

  async verify(): Promise<ResultOf<'library:verify'>> {
    const report = await verifyReport(this.requireSession().library);
    if (report.missing.length + report.corrupt.length > 0) {
      this.events.emit('catalogue:changed', {});
    }
    return report;
  }

  async exportLibrary(): Promise<ResultOf<'library:export'>> {
    const { library } = this.requireSession();
    const folder = await this.chooseFolder('export');
    const report = await exportLibrary(library, folder);
    return { videos: report.videos.length, bytes: report.bytes };
  }

  async importLibrary(): Promise<ResultOf<'library:import'>> {
    const { library } = this.requireSession();
    const folder = await this.chooseFolder('import');
    const report = await importLibrary(library, folder);
    this.events.emit('catalogue:changed', {});
    return { videos: report.imported.length, bytes: report.bytes };
  }

  storage(): Promise<ResultOf<'library:storage'>> {
    return storageUsage(this.requireSession().library);
  }

  playbackSource(uid: string): PlaybackSource {
    return playbackSource(this.requireSession().library, uid);
  }

  savePosition(args: ParsedArgsOf<'playback:save-position'>): void {
    this.requireSession().library.savePosition(args.uid, args.seconds, args.duration);
  }

  settings(): Settings {
    return readSettings(this.requireSession().library, this.config.kioskOnStart);
  }

  async setSettings(patch: ParsedArgsOf<'settings:set'>): Promise<Settings> {
    const session = this.requireSession();
    await applySettings(session, patch);
    const { kioskOnStart } = patch;
    if (kioskOnStart !== undefined) await this.saveConfig({ ...this.config, kioskOnStart });
    return readSettings(session.library, this.config.kioskOnStart);
  }

  unlockKiosk(pin: string): Promise<boolean> {
    return unlockKiosk(this.requireSession().library, pin);
  }

  info(): ResultOf<'app:info'> {
    const { version, transport, kiosk } = this.options.info;
    return { version, transport, platform: process.platform, kiosk: kiosk ?? false };
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.session?.queue.setOnline(online);
    this.events.emit('connectivity', { online });
  }

  /**
   * Moves the library to a chosen empty folder: stops the queue, closes the index, copies with
   * progress events, checks sizes, switches the config, reopens there, and only then deletes
   * the old copy. On any failure the app stays on the old library, which was never touched.
   */
  async moveLibrary(): Promise<Settings> {
    const from = this.requireSession().folder;
    const to = resolve(await this.chooseFolder('move-library'));
    await checkMoveTarget(from, to);
    const existed = await lstat(to).then(
      () => true,
      () => false,
    );
    this.moving = true;
    try {
      await this.session?.close();
      this.session = undefined;
      const files = await this.copyInto(from, to, existed);
      await removeOldLibrary(from, files).catch((error: unknown) =>
        this.logger.warn('the old library folder could not be removed', { error: String(error) }),
      );
    } finally {
      this.moving = false;
      if (!this.session) this.openSession(from);
    }
    return this.settings();
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
    await this.connection?.close();
    this.connection = undefined;
  }

  private async copyInto(from: string, to: string, existed: boolean) {
    const files = await copyLibrary(from, to, (bytesDone, bytesTotal) =>
      this.events.emit('library:move-progress', { bytesDone, bytesTotal }),
    );
    try {
      this.session = LibrarySession.open(to, this.sessionDeps(), this.connection?.stream);
      await this.saveConfig({ ...this.config, libraryFolder: this.session.folder });
    } catch (error) {
      await this.session?.close();
      this.session = undefined;
      await removeCopy(to, existed);
      throw appErrors.moveFailed((error as Error).message, error);
    }
    return files;
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

  private requireSession(): LibrarySession {
    if (this.moving) throw appErrors.busy('moving to another folder');
    if (!this.session) throw appErrors.libraryUnavailable(this.libraryError);
    return this.session;
  }

  private libraryFolder(): string {
    return this.config.libraryFolder ?? this.options.libraryFolder ?? defaultLibraryFolder();
  }

  private openSession(folder: string): void {
    try {
      this.session = LibrarySession.open(folder, this.sessionDeps(), this.connection?.stream);
      this.libraryError = undefined;
    } catch (error) {
      this.libraryError = error;
      this.logger.error('the library could not be opened', { error: String(error) });
    }
  }

  /** Brings back the account of the last run: the demo restarts, a saved token is loaded. */
  private async restoreAccount(): Promise<void> {
    const { mode, accountId } = this.config;
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

  private async savedAccount(accountId: string): Promise<Connection> {
    await this.requireSecretStorage();
    const token = await this.options.secrets.load();
    if (!token) throw appErrors.tokenMissing();
    const apiBase = this.options.apiBase ?? cloudflareApi;
    return accountConnection(apiBase, accountId, token, this.clientDeps());
  }

  private async switchTo(
    next: Connection | undefined,
    config: Pick<AppConfig, 'mode' | 'accountId'>,
  ) {
    const previous = this.connection;
    this.connection = next;
    this.accountProblem = null;
    await this.saveConfig({ ...this.config, ...config });
    if (config.accountId) this.session?.library.setSetting('accountId', config.accountId);
    await this.session?.setStream(next?.stream);
    if (previous && previous !== next) await previous.close();
    this.events.emit('catalogue:changed', {});
  }

  private async saveConfig(config: AppConfig): Promise<void> {
    await writeAppConfig(this.options.configDir, config);
    this.config = config;
  }

  private clientDeps() {
    const retry = this.options.tuning?.streamRetry;
    return { clock: this.clock, logger: this.logger, ...(retry ? { retry } : {}) };
  }

  private sessionDeps() {
    return {
      clock: this.clock,
      logger: this.logger,
      hub: this.events,
      tuning: this.options.tuning?.queue ?? {},
      secrets: () => this.secrets(),
    };
  }
}
