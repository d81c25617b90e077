// `validate --config`: one ✓/✗/- line per key as the seed shows, then warnings and integration states. Pure.
import type { Config } from '../../config/load.js';
import { CUSTOM_FIELD_PREFIX, KEYS, isSecretKey, type Tracker } from '../../config/keys.js';
import type { IntegrationRecord } from '../../state/session.js';

// The credential each integration authenticates with; a rejected one is marked ✗ until the next success.
const CREDENTIAL_KEYS: Record<Tracker, string[]> = {
  jira: ['SPEC_ATLASSIAN_API_TOKEN', 'SPEC_JIRA_API_TOKEN'],
  confluence: ['SPEC_ATLASSIAN_API_TOKEN', 'SPEC_JIRA_API_TOKEN'],
  linear: ['SPEC_LINEAR_API_KEY'],
  github: ['SPEC_GITHUB_TOKEN'],
};

/** Keys whose last use was refused as an authentication failure (401), with what to say about them. */
export function rejectedCredentials(config: Config, records: Partial<Record<Tracker, IntegrationRecord>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, r] of Object.entries(records) as Array<[Tracker, IntegrationRecord]>) {
    const at = r.auth_failed_at ?? (r.ok === false && r.kind === 'auth' ? r.last_attempt : undefined);
    if (!at) continue;
    const key = CREDENTIAL_KEYS[name].find((k) => config.settings.has(k));
    if (!key || out.has(key)) continue;
    const when = ` on ${at.slice(0, 16).replace('T', ' ')} UTC`;
    out.set(key, `${config.integrations[name].label} refused it${when}`);
  }
  return out;
}

export interface ConfigReport {
  lines: string[];
  warnings: string[];
  errors: number;
}

const GROUP_PREFIX: Record<Tracker, string> = {
  jira: 'SPEC_JIRA_*',
  confluence: 'SPEC_CONFLUENCE_*',
  linear: 'SPEC_LINEAR_*',
  github: 'SPEC_GITHUB_*',
};

export function configReport(config: Config, records: Partial<Record<Tracker, IntegrationRecord>> = {}): ConfigReport {
  const lines: string[] = [];
  const rejected = rejectedCredentials(config, records);
  const errorsByKey = new Map<string, string>();
  for (const issue of config.issues) if (issue.level === 'error' && issue.key) errorsByKey.set(issue.key, issue.message);
  const order = [...Object.keys(KEYS), ...[...config.settings.keys()].filter((k) => k.startsWith(CUSTOM_FIELD_PREFIX)).sort()];
  for (const key of order) {
    const s = config.settings.get(key);
    if (!s) continue;
    const shown = isSecretKey(key) ? '[hidden]' : s.value;
    const origin = s.origin === 'environment' ? ' (environment)' : '';
    const error = errorsByKey.get(key);
    if (error) lines.push(`✗ ${key}: ${shown}${origin} (invalid: ${error.replace(/^.*?: /, '').replace(/^.*?is not valid: /, '')})`);
    else if (rejected.has(key)) lines.push(`✗ ${key}: ${shown}${origin} (invalid: ${rejected.get(key)})`);
    else lines.push(`✓ ${key}: ${shown}${origin}`);
  }
  lines.push(...networkLines(config, errorsByKey));
  let errors = errorsByKey.size + [...rejected.keys()].filter((k) => !errorsByKey.has(k)).length;
  const integrations = Object.values(config.integrations);
  for (const s of integrations) {
    for (const key of s.missing) {
      if (config.settings.has(key)) continue; // already shown as ✗ above
      lines.push(`✗ ${key}: missing (needed by ${s.label})`);
      errors++;
    }
  }
  for (const s of integrations) {
    if (s.state !== 'disabled') continue;
    const prefix = GROUP_PREFIX[s.name];
    const anySet = [...config.settings.keys()].some((k) => k.startsWith(prefix.slice(0, -1)));
    if (!anySet) lines.push(`- ${prefix}: Not configured`);
  }
  lines.push('', 'Integrations:');
  for (const s of integrations) {
    if (s.state === 'ready') lines.push(`✓ ${s.label}: enabled`);
    else if (s.state === 'incomplete') lines.push(`✗ ${s.label}: enabled but incomplete (missing ${s.missing.join(', ')})`);
    else lines.push(`- ${s.label}: disabled (${s.reason ?? 'not configured'})`);
  }
  const warnings = config.issues.filter((i) => i.level === 'warning').map((i) => `Warning: ${i.message}`);
  return { lines, warnings, errors };
}

/** The Atlassian gateway route and the proxy variables: what the network between us and the trackers needs. */
function networkLines(config: Config, errorsByKey: Map<string, string>): string[] {
  const lines: string[] = [];
  const atlassianOn = config.integrations.jira.state !== 'disabled' || config.integrations.confluence.state !== 'disabled';
  if (atlassianOn && !config.settings.has('SPEC_ATLASSIAN_CLOUD_ID')) {
    lines.push('- SPEC_ATLASSIAN_CLOUD_ID: not set (API calls go to SPEC_ATLASSIAN_URL; a scoped API token needs the cloud id from <site>/_edge/tenant_info)');
  } else if (config.settings.has('SPEC_ATLASSIAN_CLOUD_ID') && !errorsByKey.has('SPEC_ATLASSIAN_CLOUD_ID')) {
    lines.push(`  → API calls go to ${config.jira.apiUrl} and ${config.confluence.apiUrl}; links still use SPEC_ATLASSIAN_URL`);
  }
  for (const v of config.proxy.variables) {
    const error = errorsByKey.get(v.key);
    lines.push(error ? `✗ ${v.key}: ${v.shown} (environment) (invalid: ${v.problem})` : `✓ ${v.key}: ${v.shown} (environment)`);
  }
  return lines;
}
