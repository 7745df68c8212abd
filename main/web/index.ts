export { keyHeader } from './access';
export { contentSecurityPolicy } from './headers';
export { findRendererDir } from './renderer-dir';
export { lastEventHeader, maxRpcBodyBytes } from './rpc';
export type { RunningWebServer, WebServerOptions } from './server';
export { startWebServer } from './server';
