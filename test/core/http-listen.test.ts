import { createServer, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../main/core/http/listen';

describe('listenOnLoopback / closeServer', () => {
  it('binds 127.0.0.1 on a free port and closes with a keep-alive client connected', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const port = await listenOnLoopback(server, 0);
    expect(port).toBeGreaterThan(0);
    expect(server.address()).toMatchObject({ address: '127.0.0.1', port });
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, headers: { connection: 'keep-alive' } });
      req.on('response', (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('ok');
    await closeServer(server);
    expect(server.listening).toBe(false);
  });

  it('rejects when the port is taken', async () => {
    const first = createServer();
    const port = await listenOnLoopback(first, 0);
    await expect(listenOnLoopback(createServer(), port)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await closeServer(first);
  });
});
