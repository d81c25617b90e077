// The one failure type of every tracker call. `kind` decides the message, the impact and the recovery
// command the user sees (the seed's guide), and the log line's columns.
import type { Tracker } from '../config/keys.js';

export type ErrorKind =
  | 'not-configured'
  | 'invalid-config'
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'network'
  | 'rate-limit'
  | 'validation'
  | 'conflict'
  | 'server';

export interface TrackerErrorInit {
  kind: ErrorKind;
  integration: Tracker;
  /** One line: what went wrong, in the user's terms ("Project PROJ not found"). */
  message: string;
  /** HTTP status, when a response came back. */
  status?: number;
  /** Log column three: `401 Unauthorized`, `429 Too Many Requests`, `Timeout`, `Connection refused`, `Network error`. */
  statusText?: string;
  /** The field the tracker refused (validation), e.g. `customfield_10011`. */
  field?: string;
  /** Seconds the tracker asked us to wait (rate-limit). */
  retryAfterSeconds?: number;
  /** Whether the request surely never reached the server (safe to retry a create). */
  notSent?: boolean;
  cause?: unknown;
}

export class TrackerError extends Error {
  readonly kind: ErrorKind;
  readonly integration: Tracker;
  readonly status: number | undefined;
  readonly statusText: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly notSent: boolean;
  constructor(init: TrackerErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TrackerError';
    this.kind = init.kind;
    this.integration = init.integration;
    this.status = init.status;
    this.statusText = init.statusText ?? (init.status ? String(init.status) : 'Error');
    this.field = init.field;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.notSent = init.notSent ?? false;
  }
}

export interface KindAdvice {
  /** Short phrase for status lines: "authentication error". */
  phrase: string;
  /** Log column four: "Check API token". */
  hint: (e: Pick<TrackerError, 'integration' | 'field'>) => string;
  impact: string;
}

const tokenHint: Record<Tracker, string> = {
  jira: 'Check API token (SPEC_ATLASSIAN_EMAIL / SPEC_ATLASSIAN_API_TOKEN)',
  confluence: 'Check API token (SPEC_ATLASSIAN_EMAIL / SPEC_ATLASSIAN_API_TOKEN)',
  linear: 'Check API key (SPEC_LINEAR_API_KEY)',
  github: 'Check token (SPEC_GITHUB_TOKEN)',
};

export const ADVICE: Record<ErrorKind, KindAdvice> = {
  'not-configured': { phrase: 'not configured', hint: () => 'Configure it in CLAUDE.md or continue locally', impact: 'No remote items created; local work unaffected' },
  'invalid-config': { phrase: 'invalid configuration', hint: () => 'Fix the configuration; see spec validate --config', impact: 'Sync disabled for this run; local work unaffected' },
  auth: { phrase: 'authentication error', hint: (e) => tokenHint[e.integration], impact: 'Sync blocked until credentials are fixed; local work unaffected' },
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
  /** `check`: a live check (test-integration); `sync` or `publish`: remote writes. */
  operation?: 'check' | 'sync' | 'publish';
}

const FLAG: Record<Tracker, string> = { jira: '--jira', confluence: '--confluence', linear: '--linear', github: '--github' };

/**
 * The one command that retries or diagnoses this failure: configuration and credential problems
 * point at `spec test-integration --<tracker>`; anything else at the sync or publish that failed.
 */
export function recoveryCommand(integration: Tracker, kind: ErrorKind, ctx: RecoveryContext = {}): string {
  const check = `spec test-integration ${FLAG[integration]}`;
  if (ctx.operation === 'check') return check;
  if (!ctx.feature) {
    if (kind === 'network' || kind === 'rate-limit' || kind === 'server') return 'spec sync --pending';
    return kind === 'not-configured' || kind === 'invalid-config' ? 'spec validate --config' : check;
  }
  if (integration === 'confluence') return `spec publish --confluence --feature=${ctx.feature}${kind === 'conflict' ? ' --update' : ''}`;
  if (kind === 'rate-limit') return `spec sync --feature=${ctx.feature} --batch`;
  return `spec sync --feature=${ctx.feature}`;
}
