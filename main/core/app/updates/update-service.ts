import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { automaticBlock, manualBlock, type UpdateConditions } from './update-gate';
import {
  readUpdatePreferences,
  type UpdatePreferences,
  writeUpdatePreferences,
} from './update-preferences';
import { nextStatus, type UpdaterEvent, type UpdateStatus } from './update-status';

/** What the shell's updater (electron-updater in main/electron) does when asked. */
export interface UpdaterPort {
  /** Asks the server; the answer arrives as events. */
  check(): Promise<void>;
  /** Downloads the update found, verifying it; progress and the result arrive as events. */
  download(): Promise<void>;
  /** Quits, installs the downloaded update, and starts the new version. */
  installNow(): void;
  /** Whether a downloaded update is installed when the app quits. */
  installOnQuit(on: boolean): void;
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export interface UpdateServiceOptions {
  /** Absent where the app cannot update itself (browser mode, command line, a dev build). */
  updater?: UpdaterPort;
  currentVersion: string;
  /** Where updates.json (the person's update settings) is kept. */
  configDir: string;
  /** The machine-wide policy's answer (IT); read at every decision. */
  updatesAllowed: () => boolean;
  /** The policy's updateUrl: the organisation's own update server, if it names one. */
  updateUrl?: string;
  kioskPlaying: () => boolean;
  clock: Clock;
  logger: Logger;
  /** How often the app checks by itself, besides at start. */
  checkEveryMs?: number;
  /**
   * Whether the OS says the network is metered, where it says so cheaply (undefined: it does
   * not say). Asked before every check and download; either it or the person's setting stops them.
   */
  osSaysMetered?: () => Promise<boolean | undefined>;
}

/** The status with the settings and the policy behind it: what Settings shows. */
export type UpdateReport = UpdateStatus &
  UpdatePreferences & { updatesAllowed: boolean; organisationHost?: string };

export const dailyMs = 24 * 60 * 60 * 1000;

/**
 * The app's updates: checks at start and daily, downloads in the background and installs on
 * quit or when the person says "Restart to update", each step only while the policy, the
 * kiosk, the person's settings and the connection allow it.
 */
export class UpdateService {
  private current: UpdateStatus;
  private readonly listeners = new Set<(status: UpdateReport) => void>();
  private readonly stopped = new AbortController();
  /** The person asked ("Check now"): a found update downloads even with automatic checks off. */
  private askedByPerson = false;
  private osMetered = false;

  private constructor(
    private readonly options: UpdateServiceOptions,
    private preferences: UpdatePreferences,
  ) {
    this.current = {
      phase: 'idle',
      currentVersion: options.currentVersion,
      supported: options.updater !== undefined,
    };
    options.updater?.onEvent((event) => this.apply(event));
  }

  static async open(options: UpdateServiceOptions): Promise<UpdateService> {
    return new UpdateService(options, await readUpdatePreferences(options.configDir));
  }

  status(): UpdateReport {
    return {
      ...this.current,
      blockedBy: this.current.supported ? automaticBlock(this.conditions()) : undefined,
      ...this.preferences,
      updatesAllowed: this.options.updatesAllowed(),
      ...organisationServer(this.options.updateUrl),
    };
  }

  subscribe(listener: (status: UpdateReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks now (when allowed), then once a day until stop(). */
  start(): void {
    if (!this.options.updater) return;
    void this.everyDay();
  }

  stop(): void {
    this.stopped.abort();
  }

  /** "Check now": refused only by the policy, a playing kiosk or a metered connection. */
  async checkNow(): Promise<UpdateReport> {
    await this.askOs();
    if (this.options.updater && !manualBlock(this.conditions())) {
      this.askedByPerson = true;
      await this.check().finally(() => {
        this.askedByPerson = false;
      });
    }
    return this.status();
  }

  /** "Restart to update": only with a verified download in hand, and never in a kiosk. */
  restartToUpdate(): UpdateReport {
    if (this.current.phase === 'ready' && this.mayInstall()) {
      this.options.logger.info('restarting to install an update', { to: this.current.version });
      this.options.updater?.installNow();
    }
    return this.status();
  }

  async setPreferences(patch: Partial<UpdatePreferences>): Promise<UpdateReport> {
    this.preferences = { ...this.preferences, ...patch };
    await writeUpdatePreferences(this.options.configDir, this.preferences);
    this.publish();
    const due = this.current.checkedAt === undefined || this.overdue();
    if (this.options.updater && !automaticBlock(this.conditions()) && due) await this.check();
    return this.status();
  }

  private async everyDay(): Promise<void> {
    const every = this.options.checkEveryMs ?? dailyMs;
    try {
      for (;;) {
        await this.askOs();
        if (!automaticBlock(this.conditions())) await this.check();
        else this.publish();
        await this.options.clock.sleep(every, this.stopped.signal);
      }
    } catch {
      // Stopped: the app is quitting.
    }
  }

  private overdue(): boolean {
    const every = this.options.checkEveryMs ?? dailyMs;
    return this.options.clock.now() - (this.current.checkedAt ?? 0) >= every;
  }

  private async check(): Promise<void> {
    if (this.current.phase === 'downloading' || this.current.phase === 'checking') return;
    try {
      await this.options.updater?.check();
    } catch (error) {
      this.failed(error);
    }
  }

  private apply(event: UpdaterEvent): void {
    this.current = nextStatus(this.current, event, this.options.clock.now());
    if (event.type === 'error') {
      this.options.logger.warn('update failed', { code: event.code, detail: event.message });
    }
    this.options.updater?.installOnQuit(this.current.phase === 'ready' && this.mayInstall());
    this.publish();
    if (event.type === 'available') void this.downloadIfAllowed(this.askedByPerson);
  }

  /** Background download: automatic rules, or the person's "Check now". */
  private async downloadIfAllowed(askedByPerson: boolean): Promise<void> {
    await this.askOs();
    const block = askedByPerson
      ? manualBlock(this.conditions())
      : automaticBlock(this.conditions());
    if (block) return;
    try {
      await this.options.updater?.download();
    } catch (error) {
      this.failed(error);
    }
  }

  /** Install on quit only where the policy allows it and no kiosk is playing. */
  private mayInstall(): boolean {
    const block = manualBlock(this.conditions());
    return block === undefined || block === 'metered';
  }

  private failed(error: unknown): void {
    if (this.current.phase === 'error') return;
    const message = error instanceof Error ? error.message : String(error);
    this.apply({ type: 'error', code: 'update_failed', message });
  }

  private conditions(): UpdateConditions {
    return {
      updatesAllowed: this.options.updatesAllowed(),
      kioskPlaying: this.options.kioskPlaying(),
      checkAutomatically: this.preferences.checkAutomatically,
      connectionMetered: this.preferences.connectionMetered || this.osMetered,
    };
  }

  /** A failing OS query counts as "it does not say": the person's setting still decides. */
  private async askOs(): Promise<void> {
    const said = await this.options.osSaysMetered?.().catch(() => undefined);
    this.osMetered = said === true;
  }

  private publish(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

/**
 * Where the policy sends the app for updates, as Settings may show it: the host alone, since a
 * mirror's path can name internal teams or carry a token-like segment.
 */
function organisationServer(updateUrl: string | undefined): { organisationHost?: string } {
  if (updateUrl === undefined || !URL.canParse(updateUrl)) return {};
  return { organisationHost: new URL(updateUrl).host };
}
