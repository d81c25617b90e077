// What to do with a 3xx answer, decided without I/O. Requests are sent with redirect: 'manual' because
// following blindly hurts twice: fetch drops Authorization on a cross-origin hop (http → https counts),
// and a 301/302 turns a POST into a body-less GET (https://fetch.spec.whatwg.org/#http-redirect-fetch).
// So only a same-origin redirect of a GET is followed, a few hops at most; anything else stops with one
// line naming where it pointed and the setting to change.

export const MAX_REDIRECTS = 5;

export interface RedirectInput {
  /** JIRA, Confluence, Linear, GitHub. */
  service: string;
  /** The setting that holds the base URL: SPEC_ATLASSIAN_URL, SPEC_GITHUB_API_URL… */
  baseKey: string;
  /** The configured API root the request was built from. */
  baseUrl: string;
  method: string;
  /** The URL that answered with the redirect. */
  url: string;
  status: number;
  location: string | null | undefined;
  /** URLs already visited in this request (loop detection), the first one included. */
  visited: readonly string[];
}

export type RedirectVerdict = { follow: string } | { stop: string };

export const isRedirect = (status: number): boolean => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** The base URL the user should configure, given where the server sent `url` (same path tail, new root). */
export function suggestedBase(baseUrl: string, url: string, target: URL): string {
  const base = new URL(baseUrl);
  const from = new URL(url);
  const basePath = base.pathname.replace(/\/+$/, '');
  const tail = from.pathname.startsWith(basePath) ? from.pathname.slice(basePath.length) : from.pathname;
  const path = tail && target.pathname.endsWith(tail) ? target.pathname.slice(0, target.pathname.length - tail.length) : basePath;
  return `${target.origin}${path.replace(/\/+$/, '')}`;
}

export function redirectVerdict(r: RedirectInput): RedirectVerdict {
  const head = `${r.service} answered ${r.status}`;
  if (!r.location) return { stop: `${head} without a Location header to ${r.method} ${r.url}: check ${r.baseKey} (a proxy or a login page may be answering instead)` };
  let target: URL;
  try {
    target = new URL(r.location, r.url); // a relative Location is resolved against the request URL
  } catch {
    return { stop: `${head} with a Location that is not a URL ("${r.location.slice(0, 100)}"): check ${r.baseKey}` };
  }
  const to = target.toString();
  if (r.visited.includes(to)) return { stop: `${r.service} redirects in a loop (${r.url} → ${to}): check ${r.baseKey}; open it in a browser to see where it goes` };
  const from = new URL(r.url);
  const fix = `set ${r.baseKey} to ${suggestedBase(r.baseUrl, r.url, target)}`;
  if (from.protocol === 'http:' && target.protocol === 'https:' && from.host === target.host) {
    return { stop: `${head} → ${to}: ${fix} (over http:// the credentials would be dropped on the way)` };
  }
  if (target.origin !== from.origin) return { stop: `${head} → ${to}: ${fix} (not followed: the credentials do not go to another host)` };
  if (r.method !== 'GET' && r.method !== 'HEAD') return { stop: `${head} to a ${r.method} → ${to}: not followed (it would turn the write into a GET); ${fix}` };
  if (r.visited.length > MAX_REDIRECTS) return { stop: `${r.service} redirected more than ${MAX_REDIRECTS} times (last → ${to}): check ${r.baseKey}` };
  return { follow: to };
}
