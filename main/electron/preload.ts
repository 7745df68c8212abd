import { contextBridge, ipcRenderer } from 'electron';
import { preloadApi } from './preload-api';

// Sandboxed and bundled to one CommonJS file: it may require nothing but 'electron'.
contextBridge.exposeInMainWorld('offstreamIpc', preloadApi(ipcRenderer));
