// Confluence Cloud's HTTP dialect (see trackers/dialect.ts): Atlassian's rate-limit headers, as JIRA's
// (https://developer.atlassian.com/cloud/confluence/rate-limiting/); v2 errors are `errors[]` of
// {status, code, title, detail}. A feature's pages are retried by `spec publish`.
import type { Dialect } from '../dialect.js';
import { ATLASSIAN_CLOUD } from '../jira/dialect.js';

export const confluenceDialect: Dialect = {
  tracker: 'confluence',
  connection: (config) => ({ baseUrl: config.confluence.apiUrl, baseKey: config.confluence.apiUrl === config.confluence.url ? 'SPEC_ATLASSIAN_URL' : 'SPEC_ATLASSIAN_API_GATEWAY', auth: { scheme: 'basic', email: config.confluence.email, token: config.confluence.token } }),
  ...ATLASSIAN_CLOUD,
  errorList: 'problems',
  retryCommand: 'spec publish --confluence',
};
