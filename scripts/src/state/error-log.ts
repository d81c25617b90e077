// .spec-state/integration-errors.log: append-only, one line a failure:
// `2025-11-02 10:30:15 | JIRA | 401 Unauthorized | Check API token`
import { appendFileSync, mkdirSync } from 'node:fs';
import type { TRACKER_NAMES, Tracker } from '../config/keys.js';
import { redact } from '../config/redact.js';
import { describeFsError } from '../core/errors.js';
import { logTimestamp } from './clock.js';
import { statePaths } from './paths.js';

export type Service = (typeof TRACKER_NAMES)[Tracker] | 'OpenAPI';

export interface ErrorLogEntry {
  service: Service;
  /** `401 Unauthorized`, `429 Too Many Requests`, `Timeout`, `Connection refused`, `Network error`. */
  status: string;
  hint: string;
}

const clean = (s: string) => s.replace(/[\r\n|]+/g, ' ').replace(/\s+/g, ' ').trim();

export function formatErrorLine(entry: ErrorLogEntry, secrets: readonly string[], when = new Date()): string {
  return redact(`${logTimestamp(when)} | ${entry.service} | ${clean(entry.status)} | ${clean(entry.hint)}`, secrets);
}

export function appendErrorLog(root: string, entry: ErrorLogEntry, secrets: readonly string[]): string {
  const { stateDir, errorLog } = statePaths(root);
  const line = formatErrorLine(entry, secrets);
  try {
    mkdirSync(stateDir, { recursive: true });
    // One write with O_APPEND: concurrent writers never interleave within a line.
    appendFileSync(errorLog, `${line}\n`);
  } catch (error) {
    throw describeFsError(error, '.spec-state/integration-errors.log');
  }
  return line;
}
