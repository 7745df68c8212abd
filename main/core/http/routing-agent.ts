import { type ClientRequest, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ProxyResolver } from './proxy-resolver';
import { type ProxyTarget, proxyUrlOf } from './proxy-target';

export interface Routing {
  /** Decides per request; read at every request so a change of settings applies at once. */
  proxy: ProxyResolver;
  /** The certificate authorities to trust; undefined = Node's default store. */
  ca: string[] | undefined;
}

/**
 * One agent for every request the app makes: it asks the resolver where the URL goes and hands
 * the request to a direct, HTTP-proxy, CONNECT-tunnel or SOCKS agent. The TLS options (the CAs)
 * are applied end to end, through tunnels too.
 */
export class RoutingAgent extends Agent {
  private readonly routes = new Map<string, Route>();
  private routesCa: string[] | undefined;

  /** `current` is asked at every request; it may wait for settings still being read. */
  constructor(private readonly current: () => Promise<Routing>) {
    // Tunnels are not pooled here (a pooled tunnel would outlive a change of proxy); direct
    // routes pool their own connections.
    super({ keepAlive: false });
  }

  /** Forgets the connections made with older settings. */
  reset(): void {
    for (const route of this.routes.values()) route.agent.destroy();
    this.routes.clear();
  }

  override async connect(req: ClientRequest, opts: AgentConnectOpts): Promise<Duplex | HttpAgent> {
    const url = requestUrl(req, opts);
    const routing = await this.current();
    const target = await routing.proxy(url);
    const ca = routing.ca;
    if (ca !== this.routesCa) {
      this.reset();
      this.routesCa = ca;
    }
    const tls = ca ? { ca } : {};
    const route = await this.routeFor(target, opts.secureEndpoint, tls);
    // A tunnel is a socket we pass on; a direct or plain-HTTP-proxy route is an agent that
    // also rewrites the request (absolute path, Proxy-Authorization), so it takes the request.
    if (route.tunnel) return route.agent.connect(req, { ...opts, ...tls } as AgentConnectOpts);
    return route.agent;
  }

  private async routeFor(target: ProxyTarget, secure: boolean, tls: { ca?: string[] }) {
    const proxy = proxyUrlOf(target);
    const key = `${secure ? 's' : 'p'}|${proxy ?? 'direct'}`;
    let route = this.routes.get(key);
    if (!route) {
      route = await makeRoute(proxy, target, secure, tls);
      this.routes.set(key, route);
    }
    return route;
  }
}

type Route =
  | { tunnel: false; agent: HttpAgent }
  | { tunnel: true; agent: HttpsProxyAgent<string> | Agent };

async function makeRoute(
  proxy: string | undefined,
  target: ProxyTarget,
  secure: boolean,
  tls: { ca?: string[] },
): Promise<Route> {
  if (proxy === undefined) {
    const agent = secure
      ? new HttpsAgent({ keepAlive: true, ...tls })
      : new HttpAgent({ keepAlive: true });
    return { tunnel: false, agent };
  }
  // The proxy's own TLS (an https:// proxy) trusts the same authorities as the origin's.
  // SOCKS is plain TCP to the proxy; the origin's TLS options arrive with each connect. Its
  // module (with its address parser, about 35 ms to load here) loads only when a SOCKS proxy is
  // chosen.
  if (target.kind === 'socks4' || target.kind === 'socks5') {
    const { SocksProxyAgent } = await import('socks-proxy-agent');
    return { tunnel: true, agent: new SocksProxyAgent(proxy) };
  }
  if (secure) return { tunnel: true, agent: new HttpsProxyAgent(proxy, tls) };
  return { tunnel: false, agent: new HttpProxyAgent(proxy, tls) };
}

function requestUrl(req: ClientRequest, opts: AgentConnectOpts): URL {
  const scheme = opts.secureEndpoint ? 'https:' : 'http:';
  const host = req.getHeader('host') ?? `${opts.host}:${opts.port}`;
  return new URL(req.path, `${scheme}//${String(host)}`);
}
