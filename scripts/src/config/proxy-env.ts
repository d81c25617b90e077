// The standard proxy variables, read the way undici's EnvHttpProxyAgent reads them (lower-case wins,
// an https target falls back to the http proxy), checked without loading any network code. Pure.
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;

export interface ProxyVariable {
  key: (typeof PROXY_VARIABLES)[number];
  value: string;
  /** The value with a password hidden: `http://user:[hidden]@proxy:8080`. */
  shown: string;
  /** Why the value cannot be used, when it cannot. */
  problem?: string;
}

export interface ProxyEnv {
  /** Every proxy variable that is set, in PROXY_VARIABLES order. */
  variables: ProxyVariable[];
  /** The proxy for https targets (https_proxy, HTTPS_PROXY, then the http one), if usable. */
  https?: { url: string; from: string };
  /** The proxy for http targets (http_proxy, HTTP_PROXY), if usable. */
  http?: { url: string; from: string };
  noProxy: string;
  /** Passwords in proxy URLs, for redaction. */
  secrets: string[];
}

/** `http://user:pw@host:8080` → `http://user:[hidden]@host:8080`; text that does not parse keeps only a scheme-less hint. */
export function hideProxyPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):[^@/\s]*@/i, '$1:[hidden]@');
}

function problemOf(value: string): string | undefined {
  // `proxy:8080` would parse as a URL of scheme "proxy:"; curl guesses http://, undici cannot.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'is not a URL: expected http://host:port (the scheme is required)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL: expected http://host:port';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `uses ${url.protocol.slice(0, -1)}://, which is not supported: use an http:// or https:// proxy`;
  if (!url.hostname) return 'has no host';
  return undefined;
}

export function readProxyEnv(env: NodeJS.ProcessEnv): ProxyEnv {
  const variables: ProxyVariable[] = [];
  const secrets: string[] = [];
  for (const key of PROXY_VARIABLES) {
    const value = env[key]?.trim();
    if (!value) continue;
    if (key.toLowerCase() === 'no_proxy') {
      variables.push({ key, value, shown: value });
      continue;
    }
    const problem = problemOf(value);
    if (!problem) {
      const password = new URL(value).password;
      if (password) secrets.push(password, decodeURIComponent(password));
    }
    variables.push({ key, value, shown: hideProxyPassword(value), ...(problem ? { problem } : {}) });
  }
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = variables.find((x) => x.key === k);
      if (v) return v.problem ? undefined : { url: v.value, from: v.key };
    }
    return undefined;
  };
  const http = pick('http_proxy', 'HTTP_PROXY');
  const https = pick('https_proxy', 'HTTPS_PROXY') ?? (variables.some((v) => v.key.toLowerCase() === 'https_proxy') ? undefined : http);
  const noProxy = variables.find((v) => v.key === 'no_proxy')?.value ?? variables.find((v) => v.key === 'NO_PROXY')?.value ?? '';
  return { variables, ...(https ? { https } : {}), ...(http ? { http } : {}), noProxy, secrets: [...new Set(secrets)].filter((s) => s.length >= 4) };
}

/** Whether any proxy variable asks for a proxy (the only case that loads the proxy agent). */
export function wantsProxy(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}
