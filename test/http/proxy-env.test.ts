import { describe, expect, it } from 'vitest';
import { hasProxyEnv, ProxyConfigError, proxyFromEnv } from '../../main/core/http/proxy-env';
import type { ProxyTarget } from '../../main/core/http/proxy-target';

type Env = Record<string, string | undefined>;
const direct: ProxyTarget = { kind: 'direct' };
const http = (host: string, port: number, extra = {}): ProxyTarget => ({
  kind: 'http',
  host,
  port,
  ...extra,
});

describe('proxyFromEnv chooses the variable', () => {
  const cases: [string, string, Env, ProxyTarget][] = [
    ['nothing set', 'https://a.test/', {}, direct],
    ['https_proxy for https', 'https://a.test/', { https_proxy: 'http://s:1' }, http('s', 1)],
    ['HTTPS_PROXY for https', 'https://a.test/', { HTTPS_PROXY: 'http://s:1' }, http('s', 1)],
    ['http_proxy for http', 'http://a.test/', { http_proxy: 'http://p:2' }, http('p', 2)],
    ['HTTP_PROXY for http', 'http://a.test/', { HTTP_PROXY: 'http://p:2' }, http('p', 2)],
    ['not http_proxy for https', 'https://a.test/', { http_proxy: 'http://p:2' }, direct],
    ['not https_proxy for http', 'http://a.test/', { https_proxy: 'http://s:1' }, direct],
    ['all_proxy as fallback', 'https://a.test/', { all_proxy: 'http://x:3' }, http('x', 3)],
    ['ALL_PROXY as fallback', 'http://a.test/', { ALL_PROXY: 'http://x:3' }, http('x', 3)],
    [
      'lowercase over uppercase',
      'https://a.test/',
      { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1' },
      http('low', 1),
    ],
    [
      'lowercase all_proxy over uppercase',
      'https://a.test/',
      { all_proxy: 'http://low:1', ALL_PROXY: 'http://up:1' },
      http('low', 1),
    ],
    [
      'the scheme’s own variable over all_proxy',
      'https://a.test/',
      { all_proxy: 'http://all:1', HTTPS_PROXY: 'http://own:1' },
      http('own', 1),
    ],
    [
      'an empty variable counts as unset',
      'https://a.test/',
      { https_proxy: '', HTTPS_PROXY: 'http://up:1' },
      http('up', 1),
    ],
    ['empty everywhere means direct', 'https://a.test/', { HTTPS_PROXY: '  ' }, direct],
  ];
  it.each(cases)('%s', (_name, url, env, expected) => {
    expect(proxyFromEnv(new URL(url), env)).toEqual(expected);
  });
});

describe('proxyFromEnv reads the proxy value', () => {
  const target = (value: string) =>
    proxyFromEnv(new URL('https://a.test/'), { HTTPS_PROXY: value });
  const cases: [string, ProxyTarget][] = [
    ['proxy.corp:8080', http('proxy.corp', 8080)],
    ['proxy.corp', http('proxy.corp', 80)],
    ['http://proxy.corp', http('proxy.corp', 80)],
    ['http://proxy.corp:80/', http('proxy.corp', 80)],
    ['HTTP://Proxy.Corp:3128', http('proxy.corp', 3128)],
    ['https://proxy.corp', { kind: 'https', host: 'proxy.corp', port: 443 }],
    ['https://proxy.corp:8443', { kind: 'https', host: 'proxy.corp', port: 8443 }],
    ['socks://s.corp', { kind: 'socks5', host: 's.corp', port: 1080 }],
    ['socks5://s.corp:9050', { kind: 'socks5', host: 's.corp', port: 9050 }],
    ['socks5h://s.corp', { kind: 'socks5', host: 's.corp', port: 1080 }],
    ['socks4://s.corp', { kind: 'socks4', host: 's.corp', port: 1080 }],
    ['socks4a://s.corp:1081', { kind: 'socks4', host: 's.corp', port: 1081 }],
    ['http://[::1]:3128', http('::1', 3128)],
    ['socks5://[fe80::1]', { kind: 'socks5', host: 'fe80::1', port: 1080 }],
    ['http://u:p@proxy:1', http('proxy', 1, { username: 'u', password: 'p' })],
    ['http://only-user@proxy:1', http('proxy', 1, { username: 'only-user' })],
    [
      'http://d%5Cme:p%40ss%3Aw%2Frd@proxy:1',
      http('proxy', 1, { username: 'd\\me', password: 'p@ss:w/rd' }),
    ],
    [
      'socks5://u:p%20q@s:1',
      { kind: 'socks5', host: 's', port: 1, username: 'u', password: 'p q' },
    ],
    ['  http://spaced:1  ', http('spaced', 1)],
  ];
  it.each(cases)('%s', (value, expected) => {
    expect(target(value)).toEqual(expected);
  });
});

describe('proxyFromEnv refuses values it cannot use', () => {
  const bad = [
    ['HTTPS_PROXY', 'http://user:hunter2@'],
    ['HTTPS_PROXY', 'ftp://user:hunter2@proxy.corp'],
    ['https_proxy', 'http://user:hunter2@proxy.corp:99999'],
    ['ALL_PROXY', 'http://user:hunter2%zz@proxy.corp'],
    ['HTTPS_PROXY', 'http://user:hunter2@[::1'],
  ];
  it.each(bad)('%s=%s', (name, value) => {
    let error: unknown;
    try {
      proxyFromEnv(new URL('https://a.test/'), { [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProxyConfigError);
    expect((error as ProxyConfigError).code).toBe('proxy_config');
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('does not look at a broken value for a host NO_PROXY sends direct', () => {
    const env = { HTTPS_PROXY: 'ftp://nope', NO_PROXY: 'a.test' };
    expect(proxyFromEnv(new URL('https://a.test/'), env)).toEqual(direct);
  });
});

describe('NO_PROXY', () => {
  const proxy = 'http://proxy:1';
  const goesDirect = (url: string, noProxy: string, name = 'NO_PROXY') =>
    proxyFromEnv(new URL(url), { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, [name]: noProxy }).kind ===
    'direct';

  const cases: [string, string, boolean][] = [
    ['https://a.test/', '*', true],
    ['https://a.test/', 'other.test', false],
    ['https://example.com/', 'example.com', true],
    ['https://www.example.com/', 'example.com', true],
    ['https://www.example.com/', '.example.com', true],
    ['https://example.com/', '.example.com', true],
    ['https://deep.www.example.com/', '*.example.com', true],
    ['https://example.com/', '*.example.com', true],
    ['https://notexample.com/', 'example.com', false],
    ['https://example.com.evil.test/', 'example.com', false],
    ['https://WWW.Example.COM/', 'example.com', true],
    ['https://www.example.com/', 'EXAMPLE.com', true],
    ['https://example.com./', 'example.com', true],
    ['https://example.com/', 'example.com.', true],
    ['https://a.test/', 'x.test, a.test', true],
    ['https://a.test/', 'x.test a.test', true],
    ['https://a.test/', ' x.test ,, \ta.test ', true],
    ['https://a.test:8443/', 'a.test:8443', true],
    ['https://a.test/', 'a.test:443', true],
    ['http://a.test/', 'a.test:80', true],
    ['https://a.test:8443/', 'a.test:443', false],
    ['http://a.test/', 'a.test:443', false],
    ['http://127.0.0.1:5000/', '127.0.0.1', true],
    ['http://127.0.0.1:5000/', '127.0.0.1:5000', true],
    ['http://127.0.0.1:5000/', '127.0.0.1:5001', false],
    ['http://127.0.0.2/', '127.0.0.1', false],
    ['http://localhost/', '127.0.0.1', false],
    ['http://localhost/', 'localhost', true],
    ['http://127.0.0.1/', 'localhost', false],
    ['http://127.0.0.1/', 'example.com', false],
    ['http://[::1]/', '::1', true],
    ['http://[::1]/', '[::1]', true],
    ['http://[::1]:8080/', '[::1]:8080', true],
    ['http://[::1]:8080/', '[::1]:9090', false],
    ['http://[::1]/', '0:0:0:0:0:0:0:1', true],
    ['http://[::2]/', '::1', false],
    ['http://10.1.2.3/', '10.0.0.0/8', true],
    ['http://11.1.2.3/', '10.0.0.0/8', false],
    ['http://192.168.1.40/', '192.168.1.0/24', true],
    ['http://[::1]/', '::1/128', true],
    ['http://[fd00::5]/', 'fd00::/8', true],
    ['http://[fe80::5]/', 'fd00::/8', false],
    ['http://10.1.2.3/', '10.0.0.0/99', false],
    ['http://ten.test/', '10.0.0.0/8', false],
    ['http://1.0.0.1/', '0.0.1', false],
    ['https://a.test/', 'a.test:nope', false],
  ];
  it.each(cases)('%s with NO_PROXY=%j goes direct: %s', (url, noProxy, expected) => {
    expect(goesDirect(url, noProxy)).toBe(expected);
  });

  it('does not bypass loopback unless listed', () => {
    expect(goesDirect('http://127.0.0.1:3000/', 'example.com')).toBe(false);
    expect(proxyFromEnv(new URL('http://127.0.0.1:3000/'), { HTTP_PROXY: proxy }).kind).toBe(
      'http',
    );
  });

  it('reads no_proxy before NO_PROXY', () => {
    const env = { HTTPS_PROXY: proxy, no_proxy: 'a.test', NO_PROXY: 'b.test' };
    expect(proxyFromEnv(new URL('https://a.test/'), env)).toEqual(direct);
    expect(proxyFromEnv(new URL('https://b.test/'), env).kind).toBe('http');
    expect(goesDirect('https://a.test/', 'a.test', 'no_proxy')).toBe(true);
  });
});

describe('hasProxyEnv', () => {
  const cases: [Env, boolean][] = [
    [{}, false],
    [{ NO_PROXY: '*' }, false],
    [{ HTTPS_PROXY: '' }, false],
    [{ HTTPS_PROXY: 'http://p:1' }, true],
    [{ http_proxy: 'p:1' }, true],
    [{ ALL_PROXY: 'socks5://s' }, true],
  ];
  it.each(cases)('%j → %s', (env, expected) => {
    expect(hasProxyEnv(env)).toBe(expected);
  });
});
