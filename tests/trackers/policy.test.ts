import { describe, expect, it } from 'vitest';
import { WHOLE_SECOND_SLACK_MS, budgetHeaders, decide, isRateLimited, newBudget, paceDelay, resetAt, retryAfterMs, type DecideInput } from '../../scripts/src/trackers/policy.js';
import { DIALECTS } from '../../scripts/src/trackers/dialects.js';

const NOW = Date.parse('2026-01-01T01:01:00Z');
const base = (over: Partial<DecideInput>): DecideInput => ({
  dialect: DIALECTS.jira,
  op: 'read',
  attempt: 0,
  outcome: { type: 'response', status: 200, headers: {}, body: '' },
  now: NOW,
  maxWaitMs: 60_000,
  budget: { waited: false, exhausted: false },
  ...over,
});
const resp = (status: number, headers: Record<string, string> = {}, body = '') => ({ type: 'response' as const, status, headers, body });

describe('retry on network failures', () => {
  it('retries a read or an update once, then fails', () => {
    for (const op of ['read', 'update'] as const) {
      expect(decide(base({ op, outcome: { type: 'network', failure: 'timeout' } })).action).toBe('retry');
      expect(decide(base({ op, attempt: 1, outcome: { type: 'network', failure: 'timeout' } }))).toEqual({ action: 'fail', reason: 'network', notSent: false });
    }
  });
  it('retries a create only when the request surely never arrived', () => {
    expect(decide(base({ op: 'create', outcome: { type: 'network', failure: 'refused' } })).action).toBe('retry');
    expect(decide(base({ op: 'create', outcome: { type: 'network', failure: 'dns' } })).action).toBe('retry');
    expect(decide(base({ op: 'create', outcome: { type: 'network', failure: 'reset' } }))).toEqual({ action: 'fail', reason: 'network', notSent: false });
    expect(decide(base({ op: 'create', outcome: { type: 'network', failure: 'timeout' } }))).toEqual({ action: 'fail', reason: 'network', notSent: false });
    expect(decide(base({ op: 'create', attempt: 1, outcome: { type: 'network', failure: 'refused' } }))).toEqual({ action: 'fail', reason: 'network', notSent: true });
  });
});

describe('5xx and auth', () => {
  it('retries a 5xx once for reads and updates, never for creates', () => {
    expect(decide(base({ outcome: resp(503) })).action).toBe('retry');
    expect(decide(base({ op: 'update', outcome: resp(500) })).action).toBe('retry');
    expect(decide(base({ attempt: 1, outcome: resp(503) })).action).toBe('return');
    expect(decide(base({ op: 'create', outcome: resp(502) })).action).toBe('return');
  });
  it('never retries 401 or 403', () => {
    expect(decide(base({ outcome: resp(401) })).action).toBe('return');
    expect(decide(base({ outcome: resp(403) })).action).toBe('return');
    expect(decide(base({ dialect: DIALECTS.github, outcome: resp(403, { 'x-ratelimit-remaining': '12' }, '{"message":"Resource not accessible"}') })).action).toBe('return');
  });
});

describe('rate limits', () => {
  it('recognises each dialect', () => {
    expect(isRateLimited(DIALECTS.jira, 429, {}, '')).toBe(true);
    expect(isRateLimited(DIALECTS.github, 403, { 'x-ratelimit-remaining': '0' }, '')).toBe(true);
    expect(isRateLimited(DIALECTS.github, 403, {}, '{"message":"You have exceeded a secondary rate limit."}')).toBe(true);
    expect(isRateLimited(DIALECTS.linear, 400, {}, '{"errors":[{"extensions":{"code":"RATELIMITED","statusCode":429}}]}')).toBe(true);
    expect(isRateLimited(DIALECTS.linear, 400, {}, '{"errors":[{"extensions":{"type":"invalid input"}}]}')).toBe(false);
    expect(isRateLimited(DIALECTS.jira, 403, { 'x-ratelimit-remaining': '0' }, '')).toBe(false);
  });
  it('reads each reset header format', () => {
    // Whole-second resets were truncated, so a second of slack keeps the wait from landing early.
    expect(resetAt(DIALECTS.jira, { 'x-ratelimit-reset': '2026-01-01T01:01:30Z' })).toBe(NOW + 30_000 + WHOLE_SECOND_SLACK_MS);
    expect(resetAt(DIALECTS.jira, { 'x-ratelimit-reset': '2026-01-01T01:02Z' })).toBe(NOW + 60_000 + WHOLE_SECOND_SLACK_MS);
    expect(resetAt(DIALECTS.jira, { 'x-ratelimit-reset': '2026-01-01T01:01:30.250Z' })).toBe(NOW + 30_250);
    expect(resetAt(DIALECTS.github, { 'x-ratelimit-reset': String((NOW + 5000) / 1000) })).toBe(NOW + 5000 + WHOLE_SECOND_SLACK_MS);
    expect(resetAt(DIALECTS.linear, { 'x-ratelimit-requests-reset': String(NOW + 7000) })).toBe(NOW + 7000);
  });
  it('prefers Retry-After, else the reset header', () => {
    expect(retryAfterMs(DIALECTS.jira, 429, { 'retry-after': '2', 'x-ratelimit-reset': '2026-01-01T01:02:00Z' }, '', NOW)).toBe(2000);
    expect(retryAfterMs(DIALECTS.jira, 429, { 'x-ratelimit-reset': '2026-01-01T01:01:10Z' }, '', NOW)).toBe(10_000 + WHOLE_SECOND_SLACK_MS);
    expect(retryAfterMs(DIALECTS.github, 403, {}, 'secondary rate limit', NOW)).toBe(60_000);
    expect(retryAfterMs(DIALECTS.jira, 429, {}, '', NOW)).toBeUndefined();
  });
  it('waits once under the cap, then fails and exhausts the budget', () => {
    const first = decide(base({ outcome: resp(429, { 'retry-after': '3' }) }));
    expect(first).toEqual({ action: 'retry', delayMs: 3000, spendsWait: true });
    expect(decide(base({ attempt: 1, outcome: resp(429, { 'retry-after': '3' }) }))).toMatchObject({ action: 'fail', reason: 'rate-limit', exhaust: true });
    expect(decide(base({ budget: { waited: true, exhausted: false }, outcome: resp(429, { 'retry-after': '3' }) }))).toMatchObject({ action: 'fail', reason: 'rate-limit' });
  });
  it('does not wait beyond the cap or without any hint', () => {
    expect(decide(base({ maxWaitMs: 1000, outcome: resp(429, { 'retry-after': '3' }) }))).toMatchObject({ action: 'fail', reason: 'rate-limit', retryAfterMs: 3000 });
    expect(decide(base({ outcome: resp(429) }))).toMatchObject({ action: 'fail', reason: 'rate-limit' });
  });
  it('waits for a create too: a 429 means it was not processed', () => {
    expect(decide(base({ op: 'create', dialect: DIALECTS.linear, outcome: resp(400, { 'retry-after': '1' }, 'RATELIMITED') })).action).toBe('retry');
  });
});

describe('pacing', () => {
  it('does nothing while the budget is healthy', () => {
    expect(paceDelay({ ...newBudget('github'), ...budgetHeaders(DIALECTS.github, { 'x-ratelimit-remaining': '4000', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(NOW / 1000 + 600) }) }, NOW, 60_000)).toBe(0);
  });
  it('spreads the remaining requests over the time to reset when low', () => {
    const b = { ...newBudget('github'), ...budgetHeaders(DIALECTS.github, { 'x-ratelimit-remaining': '9', 'x-ratelimit-limit': '100', 'x-ratelimit-reset': String(NOW / 1000 + 10) }) };
    expect(paceDelay(b, NOW, 60_000)).toBe((10_000 + WHOLE_SECOND_SLACK_MS) / 10);
    expect(paceDelay(b, NOW, 500)).toBe(500);
  });
  it('slows down on Jira near-limit and on Linear low remaining', () => {
    expect(paceDelay({ ...newBudget('jira'), ...budgetHeaders(DIALECTS.jira, { 'x-ratelimit-nearlimit': 'true' }) }, NOW, 60_000)).toBeGreaterThan(0);
    const lin = budgetHeaders(DIALECTS.linear, { 'x-ratelimit-requests-remaining': '1', 'x-ratelimit-requests-limit': '1500', 'x-ratelimit-requests-reset': String(NOW + 4000) });
    expect(paceDelay({ ...newBudget('linear'), ...lin }, NOW, 60_000)).toBe(2000);
  });
  it('keeps a configured pace per class', () => {
    const b = newBudget('github');
    expect(paceDelay(b, NOW, 60_000, { name: 'content-create', perMinute: 80 })).toBe(0);
    b.lastSent['content-create'] = NOW;
    expect(paceDelay(b, NOW, 60_000, { name: 'content-create', perMinute: 80 })).toBe(750);
    expect(paceDelay(b, NOW + 750, 60_000, { name: 'content-create', perMinute: 80 })).toBe(0);
  });
});
