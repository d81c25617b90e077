// Linear's GraphQL dialect (see trackers/dialect.ts). Errors come in 200 or 400 bodies, the kind in
// `extensions.type` / `extensions.code`; a rate limit is a 400 with code RATELIMITED and
// X-RateLimit-Requests-* headers, the reset in epoch ms (https://linear.app/developers/rate-limiting).
import type { Dialect } from '../dialect.js';

export const linearDialect: Dialect = {
  tracker: 'linear',
  connection: (config) => ({ baseUrl: config.linear.url, baseKey: 'SPEC_LINEAR_URL', auth: { scheme: 'raw', token: config.linear.apiKey } }),
  rateLimitSignals: [{ status: 400, body: /RATELIMITED/ }],
  // The SDK calls the reset a "Unix timestamp": seconds are tolerated.
  reset: { header: 'x-ratelimit-requests-reset', unit: 'epoch-ms' },
  budget: { remaining: 'x-ratelimit-requests-remaining', limit: 'x-ratelimit-requests-limit' },
  errorList: 'graphql',
  errorCodes: { RATELIMITED: 'rate-limit' },
  errorTypes: {
    ratelimited: 'rate-limit',
    'usage limit exceeded': 'rate-limit',
    'authentication error': 'auth',
    forbidden: 'permission',
    'feature not accessible': 'permission',
    'invalid input': 'not-found?',
    'user error': 'not-found?',
    'graphql error': 'not-found?',
    'internal error': 'server',
    'lock timeout': 'server',
    'bootstrap error': 'server',
    'network error': 'network',
  },
  kindStatus: { auth: 401, permission: 403 },
  credentialHint: 'Check API key (SPEC_LINEAR_API_KEY)',
};
