import type { InvokeEvent, IpcRegistry, OurContents, SenderFrame } from '../../main/electron/ipc';

/** An ipcMain stand-in: the registered handlers, callable as Electron would call them. */
export class FakeIpcMain implements IpcRegistry {
  readonly handlers = new Map<string, (event: InvokeEvent, args: unknown) => Promise<unknown>>();

  handle(channel: string, listener: (event: InvokeEvent, args: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }

  call(channel: string, event: InvokeEvent, args: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, args);
  }
}

export function frame(overrides: Partial<SenderFrame> = {}): SenderFrame {
  return {
    url: 'app://offstream/index.html',
    parent: null,
    processId: 7,
    routingId: 1,
    detached: false,
    isDestroyed: () => false,
    ...overrides,
  };
}

/** Our window's webContents: id 1, main frame 7/1, showing the app; records what it sends. */
export class FakeContents implements OurContents {
  readonly id: number = 1;
  readonly mainFrame = { processId: 7, routingId: 1 };
  readonly sent: [string, unknown][] = [];
  destroyed = false;
  url = 'app://offstream/index.html';

  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

/** The event Electron would give a handler for a call from `contents` and `senderFrame`. */
export function invokeEvent(
  contents: { id: number; isDestroyed(): boolean },
  senderFrame: SenderFrame | null = frame(),
): InvokeEvent {
  return { sender: contents, senderFrame };
}
