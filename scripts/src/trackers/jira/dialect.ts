// JIRA Cloud's HTTP dialect (see trackers/dialect.ts). Rate limits: 429 with Retry-After, an ISO-8601
// X-RateLimit-Reset, and X-RateLimit-NearLimit as an early hint
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/). Error bodies are ErrorCollections.
import type { Dialect } from '../dialect.js';

/** What every Atlassian Cloud product shares: its rate-limit headers and its account credentials. */
export const ATLASSIAN_CLOUD = {
  reset: { header: 'x-ratelimit-reset', unit: 'iso' },
  budget: { remaining: 'x-ratelimit-remaining', limit: 'x-ratelimit-limit', nearLimit: 'x-ratelimit-nearlimit' },
  credentialHint: 'Check API token (SPEC_ATLASSIAN_EMAIL / SPEC_ATLASSIAN_API_TOKEN)',
  scopedTokenHint:
    'the token looks scoped: set SPEC_ATLASSIAN_CLOUD_ID (the id from <site>/_edge/tenant_info, printed by test-integration --jira) so calls go through the API gateway',
} as const satisfies Partial<Dialect>;

export const jiraDialect: Dialect = {
  tracker: 'jira',
  connection: (config) => ({ baseUrl: config.jira.apiUrl, baseKey: config.jira.apiUrl === config.jira.url ? 'SPEC_ATLASSIAN_URL' : 'SPEC_ATLASSIAN_API_GATEWAY', auth: { scheme: 'basic', email: config.jira.email, token: config.jira.token } }),
  ...ATLASSIAN_CLOUD,
};
