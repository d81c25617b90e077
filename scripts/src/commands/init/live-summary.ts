// init --test-integrations in the seed's layout: one line per configured-or-named tracker
// ("✓ JIRA: Connected", "✗ Confluence: Authentication failed", "✗ Linear: Not configured"), then
// "→ 1/3 integrations ready". Pure: the test-integration report in, lines and the exit code out.
import type { Config } from '../../config/load.js';
import type { Tracker } from '../../config/keys.js';

export interface LiveReportEntry {
  ok: boolean | null;
  state?: string;
  kind?: string;
  missing?: string[];
  recovery?: string;
}

const FAILED: Record<string, string> = {
  auth: 'Authentication failed',
  permission: 'Permission denied',
  'not-found': 'Project, space, team or repository not found',
  network: 'Unreachable (network error)',
  'rate-limit': 'Rate limited',
  'invalid-config': 'Invalid configuration',
  validation: 'Request refused',
  conflict: 'Conflict',
  server: 'Server error',
};

const PREFIXES: Record<Tracker, string[]> = {
  jira: ['SPEC_JIRA_'],
  confluence: ['SPEC_CONFLUENCE_'],
  linear: ['SPEC_LINEAR_'],
  github: ['SPEC_GITHUB_'],
};

/**
 * Enabled (ready or incomplete), or named by one of its settings in CLAUDE.md though switched off. A token
 * in the environment alone does not name a tracker: GITHUB_TOKEN is often there for other tools.
 */
export function countedTrackers(config: Config, order: readonly Tracker[]): Tracker[] {
  const keys = [...config.settings.values()].filter((s) => s.origin === 'CLAUDE.md').map((s) => s.key);
  return order.filter((n) => config.integrations[n].state !== 'disabled' || keys.some((k) => PREFIXES[n].some((p) => k.startsWith(p))));
}

export function liveSummary(config: Config, order: readonly Tracker[], report: Partial<Record<Tracker, LiveReportEntry>>): { lines: string[]; failed: boolean } {
  const counted = countedTrackers(config, order);
  const lines = ['Testing configured integrations...'];
  let ready = 0;
  let failed = false;
  for (const n of counted) {
    const s = config.integrations[n];
    const r = report[n];
    if (s.state === 'disabled') {
      lines.push(`✗ ${s.label}: Not configured${s.reason ? ` (${s.reason})` : ''}`);
    } else if (s.state === 'incomplete') {
      failed = true;
      lines.push(`✗ ${s.label}: Incomplete configuration (missing ${s.missing.join(', ')})`);
    } else if (r?.ok) {
      ready++;
      lines.push(`✓ ${s.label}: Connected`);
    } else {
      failed = true;
      lines.push(`✗ ${s.label}: ${FAILED[r?.kind ?? 'server'] ?? 'Check failed'}${r?.recovery ? ` → ${r.recovery}` : ''}`);
    }
  }
  lines.push(counted.length ? `→ ${ready}/${counted.length} integrations ready` : '→ No integration configured; the local workflow needs none');
  return { lines, failed };
}
