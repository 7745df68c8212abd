import type { OffstreamBridge } from '../../../main/contract/index';
import { httpBridge } from './http-bridge';
import { ipcBridge, type PreloadApi } from './ipc-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload puts it there). */
    offstreamIpc?: PreloadApi;
  }
}

/**
 * The folder the page was served from (`/s/<random>` in the browser mode, whose session cookie
 * is scoped to it), so calls, events and media go where the cookie is sent.
 */
export function pageBase(pathname: string): string {
  return pathname.slice(0, pathname.lastIndexOf('/'));
}

/** Electron's preload present → IPC; otherwise the page was served by the browser mode. */
export function chooseBridge(): OffstreamBridge {
  if (window.offstreamIpc) return ipcBridge(window.offstreamIpc);
  return httpBridge(pageBase(window.location.pathname));
}
