import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxyServerScript, type RunningProxy, startProxyProcess } from './proxy-process';

let origin: Server;
let originPort: number;

beforeAll(async () => {
  origin = createServer((req, res) => res.end(`origin saw ${req.method} ${req.url}`));
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originPort = (origin.address() as AddressInfo).port;
});
afterAll(async () => {
  origin.closeAllConnections();
  await new Promise((resolve) => origin.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A plain-http GET sent to the proxy with the absolute URL, as a proxy client does. */
function getThrough(proxy: RunningProxy, url: string, authorization?: string): Promise<Answer> {
  const headers = authorization ? { 'proxy-authorization': authorization } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxy.port, path: url, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a CONNECT tunnel; resolves with the proxy's status and, when 200, the tunnel. */
function connectThrough(
  proxy: RunningProxy,
  target: string,
  authorization?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; socket?: Socket }> {
  const headers = authorization ? { 'proxy-authorization': authorization } : {};
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
    });
    req.on('connect', (res, socket) =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, socket }),
    );
    // A refusal (407) is an ordinary response, not a tunnel.
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Speaks HTTP by hand inside a tunnel, to show the bytes really reach the origin. */
function getInside(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

/** Whether anything still listens on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('the test proxy process', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxyProcess();
  });
  afterAll(async () => {
    await proxy?.close();
  });
  afterEach(() => proxy.clear());

  it('listens on 127.0.0.1 only, in a process of its own', () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(proxy.pid).not.toBe(process.pid);
  });

  it('forwards a plain-http GET and counts it', async () => {
    const url = `http://127.0.0.1:${originPort}/thumb.jpg?x=1`;
    const answer = await getThrough(proxy, url);
    expect(answer).toMatchObject({ status: 200, body: 'origin saw GET /thumb.jpg?x=1' });
    expect(await proxy.requests()).toEqual([{ method: 'GET', target: url, authorized: true }]);
  });

  it('tunnels a CONNECT to the origin and counts it', async () => {
    const target = `127.0.0.1:${originPort}`;
    const tunnel = await connectThrough(proxy, target);
    expect(tunnel.status).toBe(200);
    const inside = await getInside(tunnel.socket as Socket, '/inside');
    expect(inside).toMatch(/^HTTP\/1\.1 200/);
    expect(inside).toContain('origin saw GET /inside');
    expect(await proxy.requests()).toEqual([{ method: 'CONNECT', target, authorized: true }]);
  });

  it('forgets on clear()', async () => {
    await getThrough(proxy, `http://127.0.0.1:${originPort}/a`);
    proxy.clear();
    expect(await proxy.requests()).toEqual([]);
    await getThrough(proxy, `http://127.0.0.1:${originPort}/b`);
    expect((await proxy.requests()).map((r) => r.target)).toEqual([
      `http://127.0.0.1:${originPort}/b`,
    ]);
  });
});

describe('a test proxy that requires a password', () => {
  let guarded: RunningProxy;
  beforeAll(async () => {
    guarded = await startProxyProcess({ username: 'traveller', password: 'right-horse' });
  });
  afterAll(async () => {
    await guarded?.close();
  });
  afterEach(() => guarded.clear());

  const url = () => `http://127.0.0.1:${originPort}/guarded`;

  it.each([
    ['no credentials', undefined],
    ['a wrong password', basic('traveller', 'wrong-staple')],
    ['a wrong user', basic('stranger', 'right-horse')],
    ['another scheme', 'Bearer right-horse'],
  ])('answers 407 to %s, on GET and CONNECT alike', async (_name, authorization) => {
    const answer = await getThrough(guarded, url(), authorization);
    expect(answer.status).toBe(407);
    expect(answer.headers['proxy-authenticate']).toMatch(/^Basic realm="/);
    const tunnel = await connectThrough(guarded, `127.0.0.1:${originPort}`, authorization);
    expect(tunnel.status).toBe(407);
    expect(tunnel.headers['proxy-authenticate']).toMatch(/^Basic realm="/);
    const seen = await guarded.requests();
    expect(seen.map((r) => [r.method, r.authorized])).toEqual([
      ['GET', false],
      ['CONNECT', false],
    ]);
  });

  it('lets the right credentials through', async () => {
    const authorization = basic('traveller', 'right-horse');
    const answer = await getThrough(guarded, url(), authorization);
    expect(answer).toMatchObject({ status: 200, body: 'origin saw GET /guarded' });
    const tunnel = await connectThrough(guarded, `127.0.0.1:${originPort}`, authorization);
    expect(tunnel.status).toBe(200);
    tunnel.socket?.destroy();
    const seen = await guarded.requests();
    expect(seen.map((r) => [r.method, r.authorized])).toEqual([
      ['GET', true],
      ['CONNECT', true],
    ]);
  });
});

describe('the test proxy’s lifetime', () => {
  it('ends with close()', async () => {
    const proxy = await startProxyProcess();
    expect(await listening(proxy.port)).toBe(true);
    await proxy.close();
    expect(await listening(proxy.port)).toBe(false);
    await expect(proxy.requests()).rejects.toThrow(/exited/);
    await proxy.close();
  });

  it('ends when the process that started it is killed', async () => {
    // A stand-in parent that starts the proxy, says where it listens, then is SIGKILLed.
    const parentScript = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, [${JSON.stringify(proxyServerScript)}], { stdio: ['pipe', 'inherit', 'inherit'] });
    `;
    const parent = spawn(process.execPath, ['-e', parentScript], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: parent.stdout }).once('line', resolve),
    );
    const { port } = JSON.parse(line) as { port: number };
    expect(await listening(port)).toBe(true);
    parent.kill('SIGKILL');
    expect(await eventually(async () => !(await listening(port)))).toBe(true);
  });
});
