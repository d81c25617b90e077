// What a failure means to the user and what to run next: per error kind a phrase, a log hint and the
// impact (the seed's guide), and the one function that names the recovery command.
import type { Tracker } from '../config/keys.js';
import { DIALECTS } from './dialects.js';
import type { ErrorKind, TrackerError } from './errors.js';

export interface KindAdvice {
  /** Short phrase for status lines: "authentication error". */
  phrase: string;
  /** Log column four: "Check API token". */
  hint: (e: Pick<TrackerError, 'integration'> & { field?: string | undefined }) => string;
  impact: string;
}

export const ADVICE: Record<ErrorKind, KindAdvice> = {
  'not-configured': { phrase: 'not configured', hint: () => 'Configure it in CLAUDE.md or continue locally', impact: 'No remote items created; local work unaffected' },
  'invalid-config': { phrase: 'invalid configuration', hint: () => 'Fix the configuration; see spec validate --config', impact: 'Sync disabled for this run; local work unaffected' },
  auth: { phrase: 'authentication error', hint: (e) => DIALECTS[e.integration].credentialHint, impact: 'Sync blocked until credentials are fixed; local work unaffected' },
  permission: { phrase: 'permission denied', hint: () => 'Ask an administrator for create permission', impact: 'Nothing created remotely; local work unaffected' },
  'not-found': { phrase: 'not found', hint: () => 'Check the project/space/team/repository settings', impact: 'Nothing created remotely; local work unaffected' },
  network: { phrase: 'network error', hint: () => 'Network issue; retry later', impact: 'Sync failed but can be retried; local work unaffected' },
  'rate-limit': { phrase: 'rate limited', hint: () => 'Rate limit; retry later or use --batch', impact: 'Sync delayed; local work unaffected' },
  validation: { phrase: 'field rejected', hint: (e) => (e.field ? `Fix field ${e.field} (template or SPEC_JIRA_CUSTOM_FIELD_*)` : 'Fix the template fields'), impact: 'Item not created; local work unaffected' },
  conflict: { phrase: 'duplicate title', hint: () => 'Update the existing item (--update) or change the title', impact: 'Item not created; local work unaffected' },
  server: { phrase: 'server error', hint: () => 'Tracker error; retry later', impact: 'Sync failed but can be retried; local work unaffected' },
};

/** What the user was doing when the failure happened, to name the command that retries it. */
export interface RecoveryContext {
  /** Feature number as the user typed it (`003`). */
  feature?: string;
  /**
   * `check`: a live check (test-integration); `sync` or `publish`: remote writes; `pending`: work left
   * recorded in sync-pending.json (an item not attempted, or a whole run's tracker in the session).
   */
  operation?: 'check' | 'sync' | 'publish' | 'pending';
}

/**
 * The one command that retries or diagnoses this failure, for every place that names one (the sync
 * summary, the session and so `status`, test-integration, the skipped-tracker lines): configuration and
 * credential problems point at `spec test-integration --<tracker>`; anything else at the sync or
 * publish that failed, or at `sync --pending` for recorded work.
 */
export function recoveryCommand(integration: Tracker, kind: ErrorKind, ctx: RecoveryContext = {}): string {
  const check = `spec test-integration --${integration}`;
  if (ctx.operation === 'check') return check;
  if (ctx.operation === 'pending') return 'spec sync --pending';
  if (!ctx.feature) {
    if (kind === 'network' || kind === 'rate-limit' || kind === 'server') return 'spec sync --pending';
    return kind === 'not-configured' || kind === 'invalid-config' ? 'spec validate --config' : check;
  }
  const retry = DIALECTS[integration].retryCommand;
  if (retry) return `${retry} --feature=${ctx.feature}${kind === 'conflict' ? ' --update' : ''}`;
  if (kind === 'rate-limit') return `spec sync --feature=${ctx.feature} --batch`;
  return `spec sync --feature=${ctx.feature}`;
}
