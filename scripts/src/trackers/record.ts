// Every tracker outcome leaves a trace: a failure appends one line to .spec-state/integration-errors.log
// and marks the integration failing in current-session.md (what `spec status` shows); a success marks it ok.
import { TRACKER_NAMES, type Tracker } from '../config/keys.js';
import { appendErrorLog } from '../state/error-log.js';
import { recordIntegration } from '../state/session.js';
import { TrackerError } from './errors.js';
import { ADVICE, recoveryCommand, type RecoveryContext } from './recovery.js';

export interface RecordedFailure {
  logLine: string;
  recovery: string;
}

/** One line in integration-errors.log for this failure; returns the line. Throws when the log cannot be written. */
export function logFailure(root: string, error: Pick<TrackerError, 'integration' | 'statusText' | 'kind'> & { field?: string | undefined }, secrets: readonly string[]): string {
  return appendErrorLog(root, { service: TRACKER_NAMES[error.integration], status: error.statusText, hint: ADVICE[error.kind].hint(error) }, secrets);
}

/** Mark the tracker failing in the session (what `spec status` shows), with its recovery command. Throws when the session cannot be written. */
export function rememberFailure(root: string, error: Pick<TrackerError, 'integration' | 'kind' | 'message'>, secrets: readonly string[], ctx: RecoveryContext = {}): string {
  const recovery = recoveryCommand(error.integration, error.kind, ctx);
  recordIntegration(root, error.integration, { ok: false, kind: error.kind, message: error.message, recovery }, secrets);
  return recovery;
}

/** Log and remember a failure. Never throws: a read-only state directory must not hide the tracker error. */
export function recordFailure(root: string, error: TrackerError, secrets: readonly string[], ctx: RecoveryContext = {}): RecordedFailure {
  let logLine = '';
  try {
    logLine = logFailure(root, error, secrets);
  } catch {
    // reported by the caller's own output; the session entry below may still succeed
  }
  let recovery = recoveryCommand(error.integration, error.kind, ctx);
  try {
    recovery = rememberFailure(root, error, secrets, ctx);
  } catch {
    // same
  }
  return { logLine, recovery };
}

export function recordSuccess(root: string, integration: Tracker, secrets: readonly string[], message?: string): void {
  try {
    recordIntegration(root, integration, { ok: true, ...(message ? { message } : {}) }, secrets);
  } catch {
    // a state file we cannot write must not turn a successful remote call into a failure
  }
}

/** Anything thrown inside a tracker call, as a TrackerError (a bug becomes a `server`-kind failure with its message). */
export function asTrackerError(integration: Tracker, error: unknown): TrackerError {
  if (error instanceof TrackerError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TrackerError({ kind: 'server', integration, statusText: 'Error', message, cause: error });
}
