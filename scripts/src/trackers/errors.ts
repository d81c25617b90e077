// The one failure type of every tracker call. Its `kind` decides the message, the impact and the recovery
// command the user sees (recovery.ts), and the log line's columns.
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
