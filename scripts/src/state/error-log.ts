// .spec-state/integration-errors.log: append-only, one line a failure:
// `2025-11-02 10:30:15 | JIRA | 401 Unauthorized | Check API token`
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import type { TRACKER_NAMES, Tracker } from '../config/keys.js';
import { redact } from '../config/redact.js';
import { describeFsError } from '../core/errors.js';
import { guardWrite } from '../core/inside.js';
import { logTimestamp } from './clock.js';
import { statePaths } from './paths.js';

export type Service = (typeof TRACKER_NAMES)[Tracker] | 'OpenAPI';

export interface ErrorLogEntry {
  service: Service;
  /** `401 Unauthorized`, `429 Too Many Requests`, `Timeout`, `Connection refused`, `Network error`. */
  status: string;
  hint: string;
}

const DISPLAY = '.spec-state/integration-errors.log';
const clean = (s: string) => s.replace(/[\r\n|]+/g, ' ').replace(/\s+/g, ' ').trim();

export function formatErrorLine(entry: ErrorLogEntry, secrets: readonly string[], when = new Date()): string {
  return redact(`${logTimestamp(when)} | ${entry.service} | ${clean(entry.status)} | ${clean(entry.hint)}`, secrets);
}

export function appendErrorLog(root: string, entry: ErrorLogEntry, secrets: readonly string[]): string {
  const { stateDir, errorLog } = statePaths(root);
  const line = formatErrorLine(entry, secrets);
  guardWrite(errorLog, DISPLAY);
  try {
    mkdirSync(stateDir, { recursive: true });
    // One write with O_APPEND: concurrent writers never interleave within a line. O_NOFOLLOW: a link
    // planted in its place is refused, not appended through.
    const fd = openSync(errorLog, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      writeSync(fd, `${line}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw describeFsError(error, DISPLAY);
  }
  return line;
}
