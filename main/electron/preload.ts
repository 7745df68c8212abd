import { contextBridge } from 'electron';

// The typed bridge (window.offstream) arrives with the contract; until then only the version.
contextBridge.exposeInMainWorld('offstreamInfo', { versions: { ...process.versions } });
