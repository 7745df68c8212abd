import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererAsset, rendererFile } from '../../main/handlers/renderer-assets';
import { metaPolicy, rendererPolicy } from '../../main/handlers/renderer-policy';

let root: string;
let renderer: string;
const policy = rendererPolicy();

const files: Record<string, string> = {
  'renderer/index.html': '<!doctype html><title>Offstream</title>',
  'renderer/assets/app.css': 'body{}',
  'secret.txt': 'outside',
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'offstream-assets-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'leak.txt'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rendererAsset', () => {
  it('serves a file with its type, length, policy and nosniff', async () => {
    const answer = await rendererAsset(renderer, 'GET', '/assets/app.css', policy);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(answer.headers.get('content-length')).toBe('6');
    expect(answer.headers.get('content-security-policy')).toBe(policy);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await answer.text()).toBe('body{}');
  });

  it('answers HEAD with the headers only, and / with index.html', async () => {
    const head = await rendererAsset(renderer, 'HEAD', '/', policy);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(head.body).toBeNull();
  });

  it('refuses writes with 405 and the methods it allows', async () => {
    const answer = await rendererAsset(renderer, 'PUT', '/index.html', policy);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets%2f..%2f..%2fsecret.txt', '/leak.txt'])(
    'answers 404 for %s',
    async (pathname) => {
      const answer = await rendererAsset(renderer, 'GET', pathname, policy);
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain('outside');
    },
  );

  it('resolves only files inside the folder', async () => {
    expect(await rendererFile(renderer, '/assets/../index.html')).toBe(
      join(renderer, 'index.html'),
    );
    expect(await rendererFile(renderer, '/assets/../../secret.txt')).toBeUndefined();
    expect(await rendererFile(renderer, '/assets')).toBeUndefined();
  });
});

describe('rendererPolicy', () => {
  it('adds a media source to img-src and media-src only', () => {
    const withScheme = rendererPolicy('media:').split('; ');
    expect(withScheme).toContain("img-src 'self' media: data:");
    expect(withScheme).toContain("media-src 'self' media:");
    expect(policy.split('; ')).toContain("media-src 'self'");
    expect(policy).not.toContain('media:');
  });

  it('drops frame-ancestors from the meta form', () => {
    expect(metaPolicy(policy)).not.toContain('frame-ancestors');
    expect(metaPolicy(policy).split('; ').length).toBe(policy.split('; ').length - 1);
  });
});
