import type { Clock } from '../clock';
import type { HttpStack } from '../http/http-stack';
import type { Logger } from '../log';
import {
  createStreamClient,
  type StreamClient,
  type StreamClientOptions,
  type VerifiedToken,
} from '../stream/client';

/** The local Cloudflare Stream the demo mode talks to (the shells pass the emulator). */
export interface DemoAccount {
  apiBase: string;
  /** The emulated delivery host (the MP4s, thumbnails). */
  deliveryBase: string;
  accountId: string;
  token: string;
  close(): Promise<void>;
}
export type StartDemo = () => Promise<DemoAccount>;

/** The account the app works with: its API client, and the token only for scrubbing. */
export interface Connection {
  mode: 'account' | 'demo';
  accountId: string;
  token: string;
  stream: StreamClient;
  /** Origins served on this machine (the demo), reached without any proxy. */
  localOrigins?: string[];
  close(): Promise<void>;
}

export interface ClientDeps {
  clock: Clock;
  logger: Logger;
  /** The app's one HTTP stack: every API call leaves through its proxy and certificates. */
  http: HttpStack;
  retry?: StreamClientOptions['retry'];
}

export function accountConnection(
  apiBase: string,
  accountId: string,
  token: string,
  deps: ClientDeps,
): Connection {
  const stream = createStreamClient({
    apiBase,
    accountId,
    credentials: { token },
    clock: deps.clock,
    logger: deps.logger,
    http: deps.http,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  return { mode: 'account', accountId, token, stream, close: async () => {} };
}

export async function demoConnection(startDemo: StartDemo, deps: ClientDeps): Promise<Connection> {
  const demo = await startDemo();
  const base = accountConnection(demo.apiBase, demo.accountId, demo.token, deps);
  const localOrigins = [new URL(demo.apiBase).origin, new URL(demo.deliveryBase).origin];
  return { ...base, mode: 'demo', localOrigins, close: () => demo.close() };
}

/**
 * Proves the token before it is kept, without side effects: it is active (as an account or a
 * user token) and it may read this account's Stream videos. Whether it may also write (request
 * downloads, sign links) is learnt when that is first needed, and reported then with the action.
 * Throws the client's coded error (auth_invalid, auth_missing_permission, network…) otherwise.
 */
export async function checkToken(stream: StreamClient): Promise<VerifiedToken> {
  const verified = await stream.verifyToken();
  await stream.listVideos({ limit: 1 });
  return verified;
}
