// One line per integration, from config and the recorded outcome of the last sync: never guessed.
import type { Config, IntegrationStatus } from '../../config/load.js';
import type { Tracker } from '../../config/keys.js';
import type { IntegrationRecord } from '../../state/session.js';
import { TRACKERS } from '../../trackers/contract.js';

/** Why config alone keeps an integration from running ("<label>: Not configured (…)"), or undefined when ready. */
export function configProblem(s: IntegrationStatus): string | undefined {
  if (s.state === 'disabled') return `${s.label}: Not configured${s.reason ? ` (${s.reason})` : ''}`;
  if (s.state === 'incomplete') return `${s.label}: Enabled but incomplete (missing ${s.missing.join(', ')})`;
  return undefined;
}

export function integrationLines(config: Config): string[] {
  return TRACKERS.map((name) => {
    const s = config.integrations[name];
    const problem = configProblem(s);
    return problem ? `${s.state === 'incomplete' ? '✗' : '-'} ${problem}` : `✓ ${s.label}: Configured`;
  });
}

export interface HealthLine {
  name: Tracker;
  symbol: '✓' | '✗' | '-';
  state: 'connected' | 'failing' | 'incomplete' | 'not-configured' | 'not-synced';
  text: string;
}

export function healthLines(config: Config, records: Partial<Record<Tracker, IntegrationRecord>>): HealthLine[] {
  return TRACKERS.map((name) => {
    const s = config.integrations[name];
    const problem = configProblem(s);
    if (problem) {
      const incomplete = s.state === 'incomplete';
      return { name, symbol: incomplete ? '✗' : '-', state: incomplete ? 'incomplete' : 'not-configured', text: problem };
    }
    const r = records[name];
    const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');
    const checkNote = r?.last_check ? `checked ${at(r.last_check)}${r.check_ok ? '' : `: ${r.check_kind ?? 'error'} error`}` : undefined;
    // Health comes from syncs only; a live check is reported beside it, never as "Connected".
    if (!r?.last_attempt) {
      if (checkNote && r?.check_ok === false) return { name, symbol: '✗', state: 'failing', text: `${s.label}: Check failed (${checkNote.replace(/^checked /, '')}), not synced yet` };
      return { name, symbol: '-', state: 'not-synced', text: `${s.label}: Configured, ${checkNote ? `${checkNote}, ` : ''}not synced yet` };
    }
    const when = at(r.last_attempt);
    const checkedLater = r.last_check && r.last_check > r.last_attempt ? checkNote : undefined;
    const laterCheckFailed = Boolean(checkedLater) && r.check_ok === false;
    if (r.ok && !laterCheckFailed) return { name, symbol: '✓', state: 'connected', text: `${s.label}: Connected (last sync ${when}${checkedLater ? `; ${checkedLater}` : ''})` };
    if (r.ok) return { name, symbol: '✗', state: 'failing', text: `${s.label}: Check failed (${(checkedLater as string).replace(/^checked /, '')}) after the last good sync (${when})` };
    return { name, symbol: '✗', state: 'failing', text: `${s.label}: Last sync failed (${r.kind ?? 'error'} error, ${when})${r.recovery ? ` → ${r.recovery}` : ''}` };
  });
}
