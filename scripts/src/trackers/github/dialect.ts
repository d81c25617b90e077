// GitHub REST's dialect (see trackers/dialect.ts). A primary rate limit is a 403 (or 429) with
// x-ratelimit-remaining: 0 and an epoch-seconds x-ratelimit-reset; a secondary limit is a 403 whose
// message says so, and without retry-after means "wait at least a minute"
// (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api). 410: issues disabled.
import type { Dialect } from '../dialect.js';

export const githubDialect: Dialect = {
  tracker: 'github',
  connection: (config) => ({ baseUrl: config.github.apiUrl, baseKey: 'SPEC_GITHUB_API_URL', auth: { scheme: 'bearer', token: config.github.token } }),
  requestHeaders: { 'X-GitHub-Api-Version': '2022-11-28', Accept: 'application/vnd.github+json' },
  rateLimitSignals: [
    { status: 403, header: ['x-ratelimit-remaining', '0'] },
    { status: 403, body: /secondary rate limit|rate limit exceeded/i },
  ],
  reset: { header: 'x-ratelimit-reset', unit: 'epoch-s' },
  fallbackWait: { body: /secondary rate limit/i, ms: 60_000 },
  budget: { remaining: 'x-ratelimit-remaining', limit: 'x-ratelimit-limit' },
  statusKinds: { 410: 'invalid-config' },
  statusMessages: { 410: 'Issues are disabled for this repository ({message})' },
  credentialHint: 'Check token (SPEC_GITHUB_TOKEN)',
};
