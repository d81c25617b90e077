// .spec-state/current-session.md: YAML frontmatter for the helper, a readable body for people.
// Read-modify-write happens under a lock and is written atomically (hooks run concurrently).
import { TRACKER_NAMES, type Tracker } from '../config/keys.js';
import { redact } from '../config/redact.js';
import { readTextIfExists } from '../core/text-file.js';
import { updateFrontmatter } from '../workspace/frontmatter.js';
import { flatFrontmatter, readFrontmatter } from '../workspace/frontmatter-read.js';
import { writeFileAtomic } from './atomic.js';
import { logTimestamp } from './clock.js';
import { withLockSync } from './lock.js';
import { statePaths } from './paths.js';

export interface IntegrationRecord {
  /** ISO time of the last attempt. */
  last_attempt?: string;
  last_success?: string;
  ok?: boolean;
  /** Error kind of the last failure (DESIGN §6). */
  kind?: string;
  message?: string;
  recovery?: string;
  /** Live checks (test-integration) are kept apart from syncs: a check proves access, not a sync. */
  last_check?: string;
  check_ok?: boolean;
  check_kind?: string;
  check_message?: string;
  /** Set by any authentication failure (sync or check), cleared by any success: validate --config shows the credential ✗. */
  auth_failed_at?: string;
}

export type OutcomeSource = 'sync' | 'check';

export interface SessionData {
  feature?: string;
  phase?: string;
  next?: string;
  updated?: string;
  session_id?: string;
  integrations?: Partial<Record<Tracker, IntegrationRecord>>;
}

const DISPLAY = '.spec-state/current-session.md';

export function readSession(root: string): SessionData {
  const text = readTextIfExists(statePaths(root).session, DISPLAY);
  if (text === undefined) return {};
  try {
    return readFrontmatter(text, DISPLAY).data as SessionData;
  } catch {
    // A hand-mangled session file must never stop the workflow; it is rebuilt on the next write.
    return {};
  }
}

function renderBody(data: SessionData): string {
  const lines = ['# Current session', ''];
  lines.push(`Feature: ${data.feature ?? '(none)'}`);
  lines.push(`Phase: ${data.phase ?? '(not started)'}`);
  if (data.next) lines.push(`Next: ${data.next}`);
  if (data.updated) lines.push(`Updated: ${logTimestamp(new Date(data.updated))}`);
  const entries = Object.entries(data.integrations ?? {}) as Array<[Tracker, IntegrationRecord]>;
  if (entries.length) {
    lines.push('', '## Integrations', '');
    for (const [name, r] of entries) {
      const when = r.last_attempt ? ` (${logTimestamp(new Date(r.last_attempt))})` : '';
      if (!r.last_attempt && r.last_check) {
        lines.push(`- ${TRACKER_NAMES[name]}: ${r.check_ok ? 'check passed' : `check failed - ${r.check_kind ?? 'error'}: ${r.check_message ?? ''}`} (${logTimestamp(new Date(r.last_check))}), not synced yet`);
        continue;
      }
      if (r.ok) lines.push(`- ${TRACKER_NAMES[name]}: last sync succeeded${when}`);
      else lines.push(`- ${TRACKER_NAMES[name]}: ${TRACKER_NAMES[name]} sync failed - ${r.kind ?? 'error'}: ${r.message ?? ''}${when}${r.recovery ? `; retry: ${r.recovery}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function updateSession(root: string, change: (data: SessionData) => SessionData, secrets: readonly string[] = []): SessionData {
  const file = statePaths(root).session;
  return withLockSync(file, () => {
    const next = change(readSession(root));
    next.updated = new Date().toISOString();
    const clean = JSON.parse(redact(JSON.stringify(next), secrets)) as SessionData;
    // Flat data (no integrations recorded yet) is written without loading the YAML library.
    const text = flatFrontmatter(clean as Record<string, unknown>) ?? updateFrontmatter('', DISPLAY, clean as Record<string, unknown>);
    writeFileAtomic(file, `${text}${renderBody(clean)}`, DISPLAY);
    return clean;
  });
}

export function recordIntegration(root: string, name: Tracker, record: IntegrationRecord, secrets: readonly string[], source: OutcomeSource = 'sync'): void {
  updateSession(
    root,
    (data) => {
      const prev = data.integrations?.[name] ?? {};
      const now = new Date().toISOString();
      const auth = record.ok ? {} : record.kind === 'auth' ? { auth_failed_at: now } : prev.auth_failed_at ? { auth_failed_at: prev.auth_failed_at } : {};
      const checkFields = (({ last_check, check_ok, check_kind, check_message }) => ({ last_check, check_ok, check_kind, check_message }))(prev);
      const syncFields = (({ last_attempt, last_success, ok, kind, message, recovery }) => ({ last_attempt, last_success, ok, kind, message, recovery }))(prev);
      let merged: IntegrationRecord;
      if (source === 'check') {
        merged = { ...syncFields, last_check: now, check_ok: record.ok === true, ...(record.ok ? {} : { check_kind: record.kind, check_message: record.message }), ...auth };
      } else if (record.ok) {
        merged = { last_attempt: now, last_success: now, ok: true, ...(record.message ? { message: record.message } : {}), ...checkFields };
      } else {
        merged = { ...syncFields, ...record, last_attempt: now, ok: false, ...checkFields, ...auth };
      }
      const clean = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as IntegrationRecord;
      return { ...data, integrations: { ...data.integrations, [name]: clean } };
    },
    secrets,
  );
}
