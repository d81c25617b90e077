// Proxies for tracker requests: which proxy a URL goes through (the rules undici's EnvHttpProxyAgent
// applies, written out so SPEC_DEBUG can say it), and the proxy-aware fetch. undici is imported only
// here and only when a proxy is configured: Node 20's global fetch ignores HTTP(S)_PROXY, and the
// hook path and proxy-less runs must not load (or parse) the agent.
import type { ProxyEnv } from '../config/proxy-env.js';
import { hideProxyPassword } from '../config/proxy-env.js';

export interface ProxyChoice {
  /** The proxy URL (may carry credentials: show `shown`). */
  url: string;
  shown: string;
  /** The variable it came from, for messages: HTTPS_PROXY, http_proxy… */
  from: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * NO_PROXY as curl and undici read it: comma- or space-separated hosts; `.corp.example` and
 * `corp.example` both cover the domain and its subdomains; `host:port` only that port; `*` everything.
 * Loopback is not special: 127.0.0.1 goes through the proxy unless NO_PROXY names it.
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]+/).filter(Boolean);
  if (entries.length === 0) return false;
  if (noProxy.trim() === '*') return true;
  const host = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  for (const entry of entries) {
    const m = entry.match(/^(.+):(\d+)$/);
    const name = (m ? (m[1] as string) : entry).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL, proxy: ProxyEnv): ProxyChoice | undefined {
  const pick = url.protocol === 'https:' ? proxy.https : proxy.http;
  if (!pick || bypassesProxy(url, proxy.noProxy)) return undefined;
  return { url: pick.url, shown: hideProxyPassword(pick.url), from: pick.from };
}

/** Whether the environment asks for a proxy that cannot be used (a variable set to something unusable). */
export function unusableProxy(proxy: ProxyEnv): { key: string; shown: string; problem: string } | undefined {
  const bad = proxy.variables.find((v) => v.problem);
  return bad ? { key: bad.key, shown: bad.shown, problem: bad.problem as string } : undefined;
}

let undici: Promise<typeof import('undici')> | undefined;
const fetches = new Map<string, typeof fetch>();

/** A fetch that goes through the configured proxies (undici loaded once per process, on first use). */
export async function proxyFetch(proxy: ProxyEnv): Promise<typeof fetch> {
  const key = JSON.stringify([proxy.http?.url, proxy.https?.url, proxy.noProxy]);
  const known = fetches.get(key);
  if (known) return known;
  undici ??= import('undici');
  // undici is CommonJS: bundled, its exports arrive under `default`.
  const mod = (await undici) as typeof import('undici') & { default?: typeof import('undici') };
  const { EnvHttpProxyAgent, fetch: undiciFetch } = mod.EnvHttpProxyAgent ? mod : (mod.default as typeof import('undici'));
  // Values passed explicitly, so the agent follows the environment the command was given, and an
  // https target falls back to the http proxy as ProxyEnv says. proxyTunnel false: an http target is
  // sent in absolute form (as curl does); https targets always get CONNECT.
  const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxy.http?.url ?? '', httpsProxy: proxy.https?.url ?? '', noProxy: proxy.noProxy, proxyTunnel: false });
  const f = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
  fetches.set(key, f);
  return f;
}
