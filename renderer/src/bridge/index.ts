import type { OffstreamBridge } from '../../../main/contract/index';
import { httpBridge } from './http-bridge';
import { ipcBridge, type PreloadApi } from './ipc-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload puts it there). */
    offstreamIpc?: PreloadApi;
  }
}

/** Electron's preload present → IPC; otherwise the page was served by the browser mode. */
export function chooseBridge(): OffstreamBridge {
  return window.offstreamIpc ? ipcBridge(window.offstreamIpc) : httpBridge();
}
