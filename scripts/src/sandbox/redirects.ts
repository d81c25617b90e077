// Redirect faults: what a renamed site, an http → https upgrade or a rewriting proxy answer before the
// vendor sees the request. Node's fetch drops Authorization on a cross-origin hop (http → https counts)
// and turns a 301/302 POST into a body-less GET (Fetch standard, "HTTP-redirect fetch" step 12:
// https://fetch.spec.whatwg.org/#http-redirect-fetch), so a client must not follow these blindly.
import type { FaultBoard, ServiceName } from './faults.js';
import type { Reply } from './http.js';

/** Paths under this prefix are the targets of same-origin redirects: served as if it were absent. */
export const MOVED_PREFIX = '/_moved';

export interface RedirectContext {
  service: ServiceName;
  method: string;
  /** The request target as received: path and query (`/wiki/api/v2/pages?title=x`). */
  target: string;
  /** `http://127.0.0.1:4700`: the origin the request came to (https:// in TLS mode). */
  origin: string;
  /** Where a cross-origin redirect sends the client (the admin server's landing page). */
  elsewhere: string;
  /** Whether this request changes something (redirect-post applies only to those). */
  write: boolean;
}

const to = (status: number, location?: string): Reply => ({
  status,
  body: '',
  contentType: 'text/html',
  headers: location === undefined ? {} : { Location: location },
});

/** The redirect a fault asks for, or undefined. Requests already under MOVED_PREFIX are never redirected again. */
export function redirectFor(faults: FaultBoard, r: RedirectContext): Reply | undefined {
  if (r.target.startsWith(`${MOVED_PREFIX}/`)) return undefined;
  const s = r.service;
  if (faults.take(s, 'redirect-loop')) return to(302, `${r.origin}${r.target}`);
  if (faults.take(s, 'redirect-no-location')) return to(302);
  if (faults.take(s, 'redirect-relative')) return to(302, `${MOVED_PREFIX}${r.target}`);
  if (faults.take(s, 'redirect-same-origin')) return to(302, `${r.origin}${MOVED_PREFIX}${r.target}`);
  if (faults.take(s, 'redirect-cross-origin')) return to(301, `${r.elsewhere}${r.target}`);
  if (faults.take(s, 'redirect-https')) return to(301, `${r.origin.replace(/^http:/, 'https:')}${r.target}`);
  if (r.write && faults.take(s, 'redirect-post')) return to(301, `${r.origin}${MOVED_PREFIX}${r.target}`);
  return undefined;
}

/** `/_moved/rest/api/3/myself` → `/rest/api/3/myself`. */
export function unmoved(path: string): string {
  return path.startsWith(`${MOVED_PREFIX}/`) ? path.slice(MOVED_PREFIX.length) : path;
}
