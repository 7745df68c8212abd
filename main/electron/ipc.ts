import type { Outcome } from '../contract/index';
import type { AppBackend } from '../handlers/backend';
import { contractChannels } from './contract-names';
import { isAppUrl } from './origin';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
  readonly detached: boolean;
  isDestroyed(): boolean;
}

/** The parts of IpcMainInvokeEvent the sender check reads. */
export interface InvokeEvent {
  readonly sender: { readonly id: number; isDestroyed(): boolean };
  readonly senderFrame: SenderFrame | null;
}

/** Our window's webContents, as far as IPC needs it. */
export interface OurContents {
  readonly id: number;
  readonly mainFrame: { readonly processId: number; readonly routingId: number };
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEvent, args: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Sees every call's channel and outcome after dispatch (the kiosk lock listens for unlocks). */
export type DispatchObserver = (channel: string, outcome: Outcome<unknown>) => void;

const untrusted: Outcome<never> = {
  ok: false,
  error: {
    code: 'untrusted_sender',
    message: 'This call did not come from the Offstream window and was refused.',
  },
};

/**
 * A call is trusted only from the live main frame of our own window showing the app origin:
 * not an iframe, not another window, not a page that navigated elsewhere, not a dying frame.
 */
export function isTrustedSender(event: InvokeEvent, ours: OurContents | undefined): boolean {
  const frame = event.senderFrame;
  if (!ours || !frame || ours.isDestroyed() || event.sender.isDestroyed()) return false;
  if (event.sender.id !== ours.id) return false;
  if (frame.isDestroyed() || frame.detached || frame.parent !== null) return false;
  if (frame.processId !== ours.mainFrame.processId) return false;
  if (frame.routingId !== ours.mainFrame.routingId) return false;
  return isAppUrl(frame.url);
}

/**
 * Registers one ipcMain handler per contract channel. Each checks the sender, then hands the
 * raw argument to the backend, which parses it with the contract's zod schema.
 * Returns a function that removes them again.
 */
export function registerContract(
  ipcMain: IpcRegistry,
  backend: Pick<AppBackend, 'dispatch'>,
  trusted: () => OurContents | undefined,
  observe?: DispatchObserver,
): () => void {
  for (const channel of contractChannels) {
    ipcMain.handle(channel, async (event, args) => {
      if (!isTrustedSender(event, trusted())) return untrusted;
      const outcome = await backend.dispatch(channel, args);
      observe?.(channel, outcome);
      return outcome;
    });
  }
  return () => {
    for (const channel of contractChannels) ipcMain.removeHandler(channel);
  };
}

/** Pushes the backend's events to our window only, and only while it shows the app. */
export function forwardEvents(
  backend: Pick<AppBackend, 'subscribe'>,
  trusted: () => OurContents | undefined,
): () => void {
  return backend.subscribe((event, payload) => {
    const ours = trusted();
    if (!ours || ours.isDestroyed() || !isAppUrl(ours.getURL())) return;
    ours.send(event, payload);
  });
}
