import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../main/cli/config';
import { isHttpsOrLoopback } from '../../main/core/http/secure-url';
import { parseDeliveryUrl } from '../../main/core/stream/signed-url';
import { apiOrigin } from '../../main/core/stream/transport';
import { tempFolder } from '../library/helpers';

describe('https, or http to this machine only', () => {
  it.each([
    ['https://api.cloudflare.com/client/v4', true],
    ['https://mirror.corp.example:8443/offstream/', true],
    ['http://127.0.0.1:8787/client/v4', true],
    ['http://localhost/updates/', true],
    ['http://[::1]:8080/', true],
    ['http://api.cloudflare.com/client/v4', false],
    ['http://127.0.0.1.corp.example/', false],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
  ])('%s: %s', (url, allowed) => {
    expect(isHttpsOrLoopback(new URL(url))).toBe(allowed);
  });

  it('is the one rule of the API base (command line and client) and of delivery URLs', () => {
    const env = { OFFSTREAM_POLICY_FILE: join(tempFolder(), 'no-policy.json') };
    expect(() => resolveConfig({ apiBase: 'http://api.example/client/v4' }, env)).toThrow(
      'The API base must be https (http only for 127.0.0.1 or localhost).',
    );
    expect(() => resolveConfig({ apiBase: 'ftp://localhost/client/v4' }, env)).toThrow(
      /^The API base must be https/,
    );
    expect(() =>
      resolveConfig({ apiBase: 'https://me:secret@api.cloudflare.com/client/v4' }, env),
    ).toThrow(/^The API base must not carry a user name or password/);
    // Not a URL at all: a sentence, not a TypeError out of the refinement.
    expect(() => resolveConfig({ apiBase: 'api.cloudflare.com' }, env)).toThrow(/^The API base /);
    expect(resolveConfig({ apiBase: 'http://[::1]:8787/client/v4/' }, env).apiBase).toBe(
      'http://[::1]:8787/client/v4',
    );
    expect(() => apiOrigin('http://api.example/client/v4')).toThrow(/https:\/\//);
    expect(apiOrigin('http://localhost:8787/client/v4')).toBe('http://localhost:8787');
    const uid = 'a'.repeat(32);
    expect(() => parseDeliveryUrl(`ftp://localhost/${uid}/downloads/default.mp4`)).toThrow(
      'A download URL must start with https://.',
    );
  });
});
