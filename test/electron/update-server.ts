import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const newVersion = '0.2.0';
export const installerName = `Offstream-${newVersion}-x86_64.AppImage`;

/**
 * A local update server on 127.0.0.1 laid out as electron-builder publishes to a generic
 * provider: `<base>/latest-linux.yml` (latest.yml, latest-mac.yml: any channel file) names the
 * new version and its file with size and SHA-512; `<base>/<file>` is the file. Under /tampered/
 * the metadata is the same but the file's bytes were changed after it was signed.
 */
export interface UpdateServer {
  url: (route: 'good' | 'tampered') => string;
  installer: Buffer;
  requests: string[];
  close(): Promise<void>;
}

function channelFile(sha512: string, size: number): string {
  return [
    `version: ${newVersion}`,
    'files:',
    `  - url: ${installerName}`,
    `    sha512: ${sha512}`,
    `    size: ${size}`,
    `path: ${installerName}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-12-01T10:00:00.000Z'`,
    '',
  ].join('\n');
}

export async function startUpdateServer(): Promise<UpdateServer> {
  const installer = randomBytes(256 * 1024);
  const tampered = Buffer.from(installer);
  tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const [, route, name] = path.split('/');
    if (route !== 'good' && route !== 'tampered') {
      response.writeHead(404).end();
    } else if (name && /^latest.*\.yml$/.test(name)) {
      response.writeHead(200, { 'content-type': 'text/yaml' });
      response.end(channelFile(sha512, installer.length));
    } else if (name === installerName) {
      const body = route === 'good' ? installer : tampered;
      response.writeHead(200, { 'content-length': body.length });
      response.end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (route) => `http://127.0.0.1:${port}/${route}/`,
    installer,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
