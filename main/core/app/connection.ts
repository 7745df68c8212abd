import type { Clock } from '../clock';
import type { Logger } from '../log';
import { createStreamClient, type StreamClient, type StreamClientOptions } from '../stream/client';

/** The local Cloudflare Stream the demo mode talks to (the shells pass the emulator). */
export interface DemoAccount {
  apiBase: string;
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
  close(): Promise<void>;
}

export interface ClientDeps {
  clock: Clock;
  logger: Logger;
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
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  return { mode: 'account', accountId, token, stream, close: async () => {} };
}

export async function demoConnection(startDemo: StartDemo, deps: ClientDeps): Promise<Connection> {
  const demo = await startDemo();
  const base = accountConnection(demo.apiBase, demo.accountId, demo.token, deps);
  return { ...base, mode: 'demo', close: () => demo.close() };
}

/**
 * Proves the token before it is kept: it is valid, it may read Stream videos of this account,
 * and it may sign URLs (a Stream Write right every private download needs). Throws the
 * client's coded error (auth_invalid, auth_missing_permission, network) otherwise.
 */
export async function checkToken(stream: StreamClient): Promise<void> {
  await stream.verifyToken();
  const { videos } = await stream.listVideos({ limit: 1 });
  const first = videos[0];
  if (first) {
    await stream.mintSignedToken(first.uid, { expiresInSeconds: 60, downloadable: false });
  }
}
