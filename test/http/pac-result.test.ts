import { describe, expect, it } from 'vitest';
import { parsePacResult } from '../../main/core/http/pac-result';
import type { ProxyTarget } from '../../main/core/http/proxy-target';

const direct: ProxyTarget = { kind: 'direct' };

describe('parsePacResult', () => {
  const cases: [string, ProxyTarget[]][] = [
    ['', [direct]],
    ['   ', [direct]],
    ['DIRECT', [direct]],
    ['PROXY proxy.corp:8080', [{ kind: 'http', host: 'proxy.corp', port: 8080 }]],
    ['PROXY proxy.corp', [{ kind: 'http', host: 'proxy.corp', port: 80 }]],
    ['HTTP proxy.corp:3128', [{ kind: 'http', host: 'proxy.corp', port: 3128 }]],
    ['HTTPS secure.corp:8443', [{ kind: 'https', host: 'secure.corp', port: 8443 }]],
    ['HTTPS secure.corp', [{ kind: 'https', host: 'secure.corp', port: 443 }]],
    ['SOCKS s.corp:1081', [{ kind: 'socks4', host: 's.corp', port: 1081 }]],
    ['SOCKS s.corp', [{ kind: 'socks4', host: 's.corp', port: 1080 }]],
    ['SOCKS4 s.corp:9', [{ kind: 'socks4', host: 's.corp', port: 9 }]],
    ['SOCKS5 s.corp', [{ kind: 'socks5', host: 's.corp', port: 1080 }]],
    ['PROXY [::1]:3128', [{ kind: 'http', host: '::1', port: 3128 }]],
    ['PROXY [fe80::1]', [{ kind: 'http', host: 'fe80::1', port: 80 }]],
    ['proxy Proxy.Corp:8080', [{ kind: 'http', host: 'proxy.corp', port: 8080 }]],
    ['PROXY proxy.corp:8080; DIRECT', [{ kind: 'http', host: 'proxy.corp', port: 8080 }, direct]],
    [
      '  PROXY a:1 ;SOCKS5   b:2;;  DIRECT ;',
      [{ kind: 'http', host: 'a', port: 1 }, { kind: 'socks5', host: 'b', port: 2 }, direct],
    ],
    ['QUIC q.corp:443; PROXY p:8', [{ kind: 'http', host: 'p', port: 8 }]],
    ['QUIC q.corp:443', [direct]],
    ['BOGUS x:1; PROXY p:8', [{ kind: 'http', host: 'p', port: 8 }]],
    ['PROXY', [direct]],
    ['PROXY p:0', [direct]],
    ['PROXY p:65536', [direct]],
    ['PROXY p:http', [direct]],
    ['PROXY ::1:3128', [direct]],
    ['PROXY a:1 b:2', [direct]],
    ['DIRECT now', [direct]],
    ['garbage; more garbage', [direct]],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parsePacResult(text)).toEqual(expected);
  });
});
