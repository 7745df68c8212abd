import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny scripted HTTP server on 127.0.0.1: each request is answered by the test's handler. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string | object }
  | 'reset';

export interface TestServer {
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startTestServer(
  handler: (request: SeenRequest, index: number) => Reply,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const reply = handler(seen, requests.length - 1);
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ACCOUNT = '0123456789abcdef0123456789abcdef';
export const UID = 'ea95132c15732412d22c1476fa83f27a';
export const TOKEN = 'test-token-9f8e7d6c5b4a';

export function ok(result: unknown, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { success: true, errors: [], messages: [], result, ...extra } };
}

export function fail(status: number, code: number, message: string): Reply {
  return {
    status,
    body: { success: false, errors: [{ code, message }], messages: [], result: null },
  };
}

export function video(uid: string, created: string) {
  return {
    uid,
    created,
    readyToStream: true,
    status: { state: 'ready', pctComplete: '100' },
    meta: { name: `video ${uid.slice(0, 4)}` },
    duration: 5,
  };
}
