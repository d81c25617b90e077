// Faults of the network between the client and the vendor rather than of the vendor's API: redirects
// (a renamed site, http → https, a proxy's rewrite) and connections that drop after the server did the work.
export const NETWORK_FAULTS = [
  'hang-after-commit', // a write is carried out, then the answer never comes (the client times out)
  'reset-after-commit', // a write is carried out, then the connection is dropped before the answer
  'redirect-same-origin', // 302 to the same path under /_moved on the same origin
  'redirect-cross-origin', // 301 to another origin (the admin server's /landing), as a renamed site does
  'redirect-https', // 301 from http:// to https:// on the same host and port
  'redirect-post', // 301 on writes only (a create or update), same origin
  'redirect-loop', // 302 to the very same URL
  'redirect-no-location', // 302 with no Location header
  'redirect-relative', // 302 with a relative Location (/_moved/…)
] as const;

export type NetworkFault = (typeof NETWORK_FAULTS)[number];

/** Faults that act only once the request has been carried out, and only on writes. */
export const AFTER_COMMIT: readonly NetworkFault[] = ['hang-after-commit', 'reset-after-commit'];
