/**
 * Tells the backend when the network comes and goes. Electron has no online event in main, so
 * `check` runs on a timer; after the machine wakes, the state is reported even if unchanged,
 * because connections opened before sleep are dead either way.
 */
export class OnlineWatch {
  private last: boolean | undefined;

  constructor(
    private readonly isOnline: () => boolean,
    private readonly setOnline: (online: boolean) => void,
  ) {}

  check(): void {
    const online = this.isOnline();
    if (online === this.last) return;
    this.last = online;
    this.setOnline(online);
  }

  resumed(): void {
    this.last = this.isOnline();
    this.setOnline(this.last);
  }
}
