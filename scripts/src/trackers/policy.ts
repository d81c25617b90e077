// The retry, rate-limit and pacing policy of every tracker call, as pure functions (model: octokit's
// plugin-throttling). The transport feeds it what happened; it answers what to do next. No I/O here, and no
// tracker's name: what differs between trackers comes in as their dialect (dialect.ts).
import type { Tracker } from '../config/keys.js';
import type { Dialect } from './dialect.js';

/** How a request changes the remote side: decides whether a retry could duplicate work. */
export type RequestOp = 'read' | 'create' | 'update';

/** Network failures we tell apart; `refused` and `dns` mean the request surely never arrived. */
export type NetworkFailure = 'refused' | 'dns' | 'reset' | 'timeout' | 'other';

export type Headers = Record<string, string>;

/** Shared by every transport of one tracker during one run: the rate-limit wait happens once. */
export interface RateBudget {
  integration: Tracker;
  /** The one rate-limit wait of this run was spent. */
  waited: boolean;
  /** A second rate limit (or a wait over the cap) was hit: the rest of the run is not attempted. */
  exhausted: boolean;
  /** Latest budget headers, for pacing. */
  remaining?: number;
  limit?: number;
  resetAt?: number;
  nearLimit?: boolean;
  /** Last send time per pace class (`content-create` …). */
  lastSent: Record<string, number>;
  /** Consecutive network failures (timeouts, resets, refusals); any answer resets it. */
  networkFailures?: number;
  /** NETWORK_FAILURES_BEFORE_SKIP were reached: the rest of the run is recorded pending, not attempted. */
  unreachable?: boolean;
}

/** Pages of one listing we follow (100 items each): an endless `Link: rel="next"` made 143,000 requests in 60 s. */
export const MAX_PAGES = 50;

/** Bounded runs: a hung tracker cost the full timeout for every feature; after this many in a row it is skipped. */
export const NETWORK_FAILURES_BEFORE_SKIP = 2;

export function newBudget(integration: Tracker): RateBudget {
  return { integration, waited: false, exhausted: false, lastSent: {} };
}

export type Outcome =
  | { type: 'network'; failure: NetworkFailure }
  | { type: 'response'; status: number; headers: Headers; body: string };

export interface DecideInput {
  dialect: Dialect;
  op: RequestOp;
  /** 0 for the first try. */
  attempt: number;
  outcome: Outcome;
  now: number;
  maxWaitMs: number;
  budget: Pick<RateBudget, 'waited' | 'exhausted'>;
}

export type Decision =
  | { action: 'return' }
  | { action: 'retry'; delayMs: number; spendsWait?: boolean }
  | { action: 'fail'; reason: 'network'; notSent: boolean }
  | { action: 'fail'; reason: 'rate-limit'; retryAfterMs?: number; exhaust: true };

/** Pause before retrying a network failure or a 5xx. */
export const RETRY_DELAY_MS = 250;

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Is this response a rate limit, in this tracker's dialect? */
export function isRateLimited(dialect: Dialect, status: number, headers: Headers, body: string): boolean {
  if (status === 429) return true;
  return (dialect.rateLimitSignals ?? []).some((s) => s.status === status && ((s.header !== undefined && headers[s.header[0]] === s.header[1]) || (s.body?.test(body) ?? false)));
}

/**
 * A reset announced in whole seconds was truncated: the window may end up to a second later. Waiting
 * exactly until the announced second lands early, and the 429 that follows spends the run's one wait.
 */
export const WHOLE_SECOND_SLACK_MS = 1000;

/** The reset time a tracker announces, as epoch ms (ISO-8601, epoch seconds or epoch ms, as its dialect says). */
export function resetAt(dialect: Dialect, headers: Headers): number | undefined {
  if (!dialect.reset) return undefined;
  const { header, unit } = dialect.reset;
  if (unit === 'epoch-ms') {
    const v = num(headers[header]);
    if (v === undefined) return undefined;
    return v < 1e11 ? v * 1000 : v; // tolerate seconds
  }
  if (unit === 'epoch-s') {
    const v = num(headers[header]);
    return v === undefined ? undefined : v * 1000 + WHOLE_SECOND_SLACK_MS;
  }
  const raw = headers[header];
  if (!raw) return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) return undefined;
  return /\.\d+/.test(raw) ? t : t + WHOLE_SECOND_SLACK_MS;
}

/** How long the tracker asked us to wait, in ms: Retry-After first, else the reset header. */
export function retryAfterMs(dialect: Dialect, status: number, headers: Headers, body: string, now: number): number | undefined {
  const after = headers['retry-after'];
  if (after !== undefined) {
    const seconds = num(after);
    if (seconds !== undefined) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = resetAt(dialect, headers);
  if (reset !== undefined) return Math.max(0, reset - now);
  if (dialect.fallbackWait?.body.test(body) && status !== 0) return dialect.fallbackWait.ms;
  return undefined;
}

export function decide(input: DecideInput): Decision {
  const { outcome, attempt, op } = input;
  if (outcome.type === 'network') {
    const notSent = outcome.failure === 'refused' || outcome.failure === 'dns';
    // A create that may have arrived is not repeated here: the caller looks it up by label first.
    if (attempt === 0 && (op !== 'create' || notSent)) return { action: 'retry', delayMs: RETRY_DELAY_MS };
    return { action: 'fail', reason: 'network', notSent };
  }
  const { status, headers, body } = outcome;
  if (isRateLimited(input.dialect, status, headers, body)) {
    const wait = retryAfterMs(input.dialect, status, headers, body, input.now);
    if (!input.budget.exhausted && !input.budget.waited && attempt === 0 && wait !== undefined && wait <= input.maxWaitMs) {
      return { action: 'retry', delayMs: wait, spendsWait: true };
    }
    return { action: 'fail', reason: 'rate-limit', exhaust: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status >= 500 && attempt === 0 && op !== 'create') {
    const wait = retryAfterMs(input.dialect, status, headers, body, input.now);
    return { action: 'retry', delayMs: wait !== undefined && wait <= input.maxWaitMs ? Math.max(wait, RETRY_DELAY_MS) : RETRY_DELAY_MS };
  }
  return { action: 'return' };
}

/** Budget headers of one response, normalized. */
export function budgetHeaders(dialect: Dialect, headers: Headers): { remaining?: number; limit?: number; resetAt?: number; nearLimit?: boolean } {
  const out: { remaining?: number; limit?: number; resetAt?: number; nearLimit?: boolean } = {};
  const names = dialect.budget;
  const remaining = num(headers[names.remaining]);
  const limit = num(headers[names.limit]);
  const reset = resetAt(dialect, headers);
  if (remaining !== undefined) out.remaining = remaining;
  if (limit !== undefined) out.limit = limit;
  if (reset !== undefined) out.resetAt = reset;
  const near = names.nearLimit === undefined ? undefined : headers[names.nearLimit];
  if (near !== undefined) out.nearLimit = near === 'true';
  return out;
}

/** A near-limit hint gives no reset: slow down by this much per request. */
export const NEAR_LIMIT_DELAY_MS = 200;

/**
 * How long to hold the next request so we slow down before the limit, not after it.
 * When the remaining budget is low (≤ 10 % of the limit, or a near-limit flag), spread the
 * remaining requests over the time until reset; a configured pace (`perMinute` for a class) adds a
 * minimum spacing. Never more than `maxWaitMs`.
 */
export function paceDelay(
  budget: Pick<RateBudget, 'remaining' | 'limit' | 'resetAt' | 'nearLimit' | 'lastSent'>,
  now: number,
  maxWaitMs: number,
  pace?: { name: string; perMinute: number },
): number {
  let delay = 0;
  const { remaining, limit, resetAt: reset } = budget;
  if (remaining !== undefined) {
    const low = Math.max(1, Math.floor((limit ?? 0) * 0.1));
    if (remaining <= low && reset !== undefined && reset > now) delay = Math.ceil((reset - now) / (remaining + 1));
  }
  if (budget.nearLimit && delay < NEAR_LIMIT_DELAY_MS) delay = NEAR_LIMIT_DELAY_MS;
  if (pace && pace.perMinute > 0) {
    const last = budget.lastSent[pace.name];
    if (last !== undefined) delay = Math.max(delay, last + 60_000 / pace.perMinute - now);
  }
  return Math.max(0, Math.min(delay, maxWaitMs));
}
