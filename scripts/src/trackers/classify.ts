// Turn a tracker's failed response into a TrackerError of the right kind, reading the error shapes the
// trackers really send (oracles/BEHAVIOURS.md): an ErrorCollection `{errorMessages, errors: {field: msg}}`
// (and its plain-text 401), a problem list `errors[{title, detail}]`, GraphQL `errors[].extensions`,
// `{message, errors[{resource, field, code}]}`, and proxies' HTML pages. Which shape and which kind
// overrides apply is the tracker's dialect (dialect.ts): no tracker is named here.
import { STATUS_CODES } from 'node:http';
import { TRACKER_NAMES, type Tracker } from '../config/keys.js';
import type { Dialect } from './dialect.js';
import { TrackerError, type ErrorKind } from './errors.js';
import { isRateLimited, retryAfterMs, type Headers } from './policy.js';

export function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'Error'}`;
}

interface Detail {
  /** GraphQL errors may carry the HTTP-like status in `extensions.statusCode`. */
  statusCode?: number;
  message?: string;
  field?: string;
  code?: string;
  type?: string;
}

const looksHtml = (body: string, headers: Headers) => /text\/html/i.test(headers['content-type'] ?? '') || /^\s*</.test(body);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The first useful message and field in any of the error bodies above. */
export function errorDetail(dialect: Dialect, body: string): Detail {
  const json = parseJson(body) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') {
    const text = body.trim().split('\n')[0]?.slice(0, 200);
    return text ? { message: text } : {};
  }
  // Bulk create: {issues: [], errors: [{elementErrors: ErrorCollection, failedElementNumber, status}]}
  if (Array.isArray(json.errors) && (json.errors[0] as { elementErrors?: unknown } | undefined)?.elementErrors) {
    return errorDetail(dialect, JSON.stringify((json.errors[0] as { elementErrors: unknown }).elementErrors));
  }
  // ErrorCollection: {errorMessages: [], errors: {field: message}}
  const fields = json.errors && typeof json.errors === 'object' && !Array.isArray(json.errors) ? (json.errors as Record<string, unknown>) : undefined;
  if (fields && Object.keys(fields).length) {
    const [field, msg] = Object.entries(fields)[0] as [string, unknown];
    return { field, message: str(msg) ?? `Field '${field}' was rejected` };
  }
  if (Array.isArray(json.errorMessages) && json.errorMessages.length) {
    const message = str(json.errorMessages[0]);
    const field = message?.match(/Field '([^']+)'/)?.[1];
    return { ...(message ? { message } : {}), ...(field ? { field } : {}) };
  }
  if (Array.isArray(json.errors) && json.errors.length) {
    const e = json.errors[0] as Record<string, unknown>;
    const ext = (e.extensions ?? {}) as Record<string, unknown>;
    if (dialect.errorList === 'graphql' || e.extensions) {
      const message = str(ext.userPresentableMessage) ?? str(e.message);
      const code = str(ext.code);
      const type = str(ext.type);
      const statusCode = typeof ext.statusCode === 'number' ? ext.statusCode : undefined;
      return { ...(message ? { message } : {}), ...(code ? { code } : {}), ...(type ? { type } : {}), ...(statusCode ? { statusCode } : {}) };
    }
    if (dialect.errorList === 'problems' || e.title !== undefined) {
      const message = str(e.title) ?? str(e.detail) ?? str(e.code);
      const code = str(e.code);
      return { ...(message ? { message } : {}), ...(code ? { code } : {}) };
    }
    // A 422: {message: "Validation Failed", errors: [{resource, field, code, message?}]}
    const field = str(e.field);
    const code = str(e.code);
    const message = str(e.message) ?? (field ? `${str(e.resource) ?? 'field'} ${field}: ${code ?? 'invalid'}` : str(json.message));
    return { ...(message ? { message } : {}), ...(field ? { field } : {}), ...(code ? { code } : {}) };
  }
  const message = str(json.message) ?? str(json.errorMessage);
  return message ? { message } : {};
}

function kindOf(dialect: Dialect, status: number, d: Detail): ErrorKind {
  const override = dialect.statusKinds?.[status];
  if (override) return override;
  const msg = d.message ?? '';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'server';
  if (status >= 500) return 'server';
  if (/already exists/i.test(msg) || d.code === 'already_exists') return 'conflict';
  if (/does not exist|not found|could not find/i.test(msg) && (!d.field || d.field === 'project')) return 'not-found';
  return 'validation';
}

/** A GraphQL error's kind, from `extensions.code` or `extensions.type` (answered with HTTP 200 or 400). */
function typedKind(dialect: Dialect, d: Detail): ErrorKind | undefined {
  const byCode = d.code === undefined ? undefined : dialect.errorCodes?.[d.code];
  if (byCode) return byCode;
  const byType = d.type === undefined ? undefined : dialect.errorTypes?.[d.type];
  if (byType === 'not-found?') return /not found|does not exist|could not find/i.test(d.message ?? '') ? 'not-found' : 'validation';
  return byType;
}

function oneLine(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}

export interface ClassifyInput {
  dialect: Dialect;
  status: number;
  headers: Headers;
  body: string;
  /** What we were doing, for the message: "create issue", "GET /rest/api/3/myself". */
  action?: string;
  now?: number;
}

/** A failed HTTP response (status ≥ 400, or a GraphQL error body) as a TrackerError. */
export function classifyResponse(input: ClassifyInput): TrackerError {
  const { dialect, status, headers, body } = input;
  const integration = dialect.tracker;
  const service = TRACKER_NAMES[integration];
  const statusText = statusLine(status);
  const where = input.action ? ` (${input.action})` : '';
  if (looksHtml(body, headers)) {
    // A proxy or gateway page: never show its HTML.
    const kind: ErrorKind = status >= 500 ? 'server' : status === 401 ? 'auth' : status === 403 ? 'permission' : 'network';
    return new TrackerError({ kind, integration, status, statusText, message: `${service} answered ${statusText} with an HTML error page${where}` });
  }
  const d = errorDetail(dialect, body);
  const typed = typedKind(dialect, d);
  if (isRateLimited(dialect, status, headers, body) || typed === 'rate-limit') {
    const wait = retryAfterMs(dialect, status, headers, body, input.now ?? Date.now());
    return new TrackerError({
      kind: 'rate-limit',
      integration,
      status: status === 400 ? 429 : status,
      statusText: statusLine(429),
      message: `${service} API rate limit exceeded${wait !== undefined ? `; retry after ${Math.ceil(wait / 1000)} seconds` : ''}`,
      ...(wait !== undefined ? { retryAfterSeconds: Math.ceil(wait / 1000) } : {}),
    });
  }
  const kind = typed ?? kindOf(dialect, status, d);
  let message = d.message ? oneLine(d.message) : `${service} API returned ${statusText}`;
  if (kind === 'auth' && !/\b401\b/.test(message)) message = `${service} API returned ${statusLine(401)}: ${message}`;
  const wrap = dialect.statusMessages?.[status];
  if (wrap) message = wrap.replace('{message}', message);
  // GraphQL answers most errors with HTTP 400; `extensions.statusCode` (or the dialect) names the real one.
  const shownStatus = d.statusCode ?? dialect.kindStatus?.[kind] ?? status;
  return new TrackerError({ kind, integration, status, statusText: statusLine(shownStatus), message: `${message}${where}`, ...(d.field ? { field: d.field } : {}) });
}

/** A GraphQL body with `errors[]` but an HTTP 200. */
export function graphqlErrors(dialect: Dialect, status: number, headers: Headers, body: string): TrackerError | undefined {
  const json = parseJson(body) as { errors?: unknown[] } | undefined;
  if (!json || !Array.isArray(json.errors) || json.errors.length === 0) return undefined;
  const integration = dialect.tracker;
  const err = classifyResponse({ dialect, status: status >= 400 ? status : 400, headers, body });
  if (status < 400) {
    // Keep the real status in the log; a 200 carrying errors reads better as the kind's usual status.
    return new TrackerError({ kind: err.kind, integration, status, statusText: err.statusText, message: err.message, ...(err.field ? { field: err.field } : {}) });
  }
  return err;
}

/** A request that got no response. */
export function networkError(integration: Tracker, failure: 'refused' | 'dns' | 'reset' | 'timeout' | 'other', detail: string, notSent: boolean, timeoutMs?: number): TrackerError {
  const service = TRACKER_NAMES[integration];
  const statusText = failure === 'timeout' ? 'Timeout' : failure === 'refused' ? 'Connection refused' : 'Network error';
  const message =
    failure === 'timeout'
      ? `Request to ${service} API timed out after ${Number(((timeoutMs ?? 30_000) / 1000).toFixed(1))}s`
      : failure === 'refused'
        ? `Unable to reach ${service} server (ECONNREFUSED)`
        : failure === 'dns'
          ? `Unable to resolve the ${service} host (${detail})`
          : `Network error talking to ${service} (${detail})`;
  return new TrackerError({ kind: 'network', integration, statusText, message, notSent });
}
