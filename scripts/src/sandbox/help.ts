// `spec sandbox --help`: every mode and every fault, described once. Record<FaultName, …> makes a new
// fault without a line here a type error. Loaded only for --help (no sandbox code comes with it).
import type { FaultName } from './faults.js';

const FAULT_HELP: Record<FaultName, string> = {
  auth: 'bad credentials: 401 in the vendor\'s shape',
  permission: 'may read but not create',
  timeout: 'never answer (alias: hang); the client\'s timeout fires',
  refused: 'stop listening: connection refused',
  'rate-limit': '429 (GitHub 403, Linear 400 RATELIMITED) with Retry-After',
  'server-error': '503 (alias: 5xx)',
  html: 'a proxy\'s 502 HTML page',
  'field-not-on-screen': 'JIRA: a create/edit field is not on the screen',
  'required-field': 'JIRA: a required custom field (Sprint) is missing',
  'epic-not-found': 'JIRA: the parent epic cannot be found',
  'duplicate-title': 'Confluence: a page with this title already exists',
  'space-not-found': 'Confluence: the space does not exist',
  'not-found': 'the project / team / repository does not exist',
  'issues-disabled': 'GitHub: issues are disabled (410)',
  'fine-grained-token': 'GitHub: reads pass, writes answer 403 with X-Accepted-GitHub-Permissions',
  'hang-after-commit': 'a write is carried out (the item exists), then no answer comes',
  'reset-after-commit': 'a write is carried out, then the connection drops',
  'redirect-same-origin': '302 to the same path under /_moved on the same origin',
  'redirect-cross-origin': '301 to another origin (the admin server\'s /landing), like a renamed site',
  'redirect-https': '301 from http:// to https:// on the same host',
  'redirect-post': '301 on creates and updates only',
  'redirect-loop': '302 to the very same URL',
  'redirect-no-location': '302 without a Location header',
  'redirect-relative': '302 with a relative Location',
};

export function sandboxHelp(): string {
  const width = Math.max(...Object.keys(FAULT_HELP).map((k) => k.length));
  const faults = Object.entries(FAULT_HELP).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  return [
    'Servers (ports from --port: site, Linear, GitHub, admin, gateway):',
    '  site     JIRA at /rest/api/3, Confluence at /wiki/api/v2, cloud id at /_edge/tenant_info;',
    '           a scoped token here gets 401 "Unauthorized; scope does not match" (as the real site)',
    '  gateway  /ex/jira/<cloudId>/rest/api/3 and /ex/confluence/<cloudId>/wiki/api/v2 (scoped tokens)',
    '  admin    POST/DELETE /faults, GET /state, GET /landings (what followed a cross-origin redirect),',
    '           GET/POST /search-lag {"seconds":5}, POST /confluence/archive {"id":"…"}',
    '',
    'Modes:',
    '  (default)   print settings for the site URL with a classic API token',
    '  --gateway   print SPEC_ATLASSIAN_CLOUD_ID, SPEC_ATLASSIAN_API_GATEWAY and a scoped token',
    '  --tls-cert=FILE --tls-key=FILE   the emulators answer https (clients trust it via NODE_EXTRA_CA_CERTS)',
    '  --search-lag=SECONDS  JIRA /search/jql misses issues younger than this unless reconciled (emulated clock)',
    '  --state=FILE          keep issues, pages and labels in FILE across restarts',
    '',
    'Always refused, as the vendors do (sandbox/refusals.ts, jira-projects.ts):',
    '  GitHub   labels over 50 characters, titles over 256, bodies over 65,536',
    '  JIRA     summaries over 255, descriptions over 32,767; priorities outside the project\'s scheme',
    '           (PROJ: Highest…Lowest, CORE: Blocker…Trivial, LEAN: no Priority on its screens)',
    '  Confluence  bodies over 5 MB (413), a stale version (409), edits of an archived page',
    '',
    'Faults (--faults=service:fault[*N],…; services jira, confluence, linear, github; *N: next N requests):',
    ...faults,
    '',
  ].join('\n');
}
