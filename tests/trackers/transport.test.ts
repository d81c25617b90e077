// The transport against the real loopback emulators: retries, timeouts, rate-limit wait and budget,
// classification and redaction. Sleeps go through an injected clock, so nothing here waits for real.
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { Transport, type Clock } from '../../scripts/src/trackers/transport.js';
import { newBudget, type RateBudget } from '../../scripts/src/trackers/policy.js';
import { TrackerError } from '../../scripts/src/trackers/errors.js';
import type { Tracker } from '../../scripts/src/config/keys.js';
import { DIALECTS } from '../../scripts/src/trackers/dialects.js';

let sb: Sandbox;
let count: Record<string, number>;
let unsubscribe: (() => void) | undefined;
const sleeps: number[] = [];
const fakeClock: Clock = { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };

function transport(integration: Tracker, o: { budget?: RateBudget; timeoutMs?: number; maxWait?: number; token?: string; debug?: string[]; paces?: Record<string, number> } = {}) {
  const C = sb.credentials;
  const token = o.token ?? (integration === 'linear' ? C.linearApiKey : integration === 'github' ? C.githubToken : C.atlassianToken);
  const auth = integration === 'linear' ? { scheme: 'raw' as const, token } : integration === 'github' ? { scheme: 'bearer' as const, token } : { scheme: 'basic' as const, email: C.atlassianEmail, token };
  const baseUrl = { jira: sb.urls.jira, confluence: sb.urls.confluence, linear: sb.urls.linear, github: sb.urls.github }[integration];
  return new Transport({
    dialect: DIALECTS[integration], baseUrl, auth, clock: fakeClock, budget: o.budget ?? newBudget(integration), timeoutMs: o.timeoutMs ?? 2000, rateLimitMaxWaitMs: o.maxWait ?? 60_000,
    ...(o.debug ? { debug: (l: string) => o.debug?.push(l) } : {}), ...(o.paces ? { paces: o.paces } : {}),
  });
}
const caught = async (p: Promise<unknown>): Promise<TrackerError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof TrackerError) return e;
    throw e;
  }
  throw new Error('expected a TrackerError');
};
const story = { fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary: 'S' } };

beforeEach(async () => {
  sb ??= await useSandbox();
  await sb.clearFault();
  sleeps.length = 0;
  count = {};
  unsubscribe?.();
  unsubscribe = sb.onExchange((e) => void (count[`${e.method} ${e.path}`] = (count[`${e.method} ${e.path}`] ?? 0) + 1));
});

describe('network failures', () => {
  it('retries a read once after a timeout, and succeeds', async () => {
    await sb.setFault('jira', { fault: 'timeout', times: 1 });
    const r = await transport('jira', { timeoutMs: 300 }).request({ method: 'GET', path: '/rest/api/3/myself' });
    expect(r.status).toBe(200);
  });
  it('gives up after the second timeout with a Timeout error', async () => {
    await sb.setFault('jira', 'timeout');
    const e = await caught(transport('jira', { timeoutMs: 200 }).request({ method: 'GET', path: '/rest/api/3/myself' }));
    expect(e).toMatchObject({ kind: 'network', statusText: 'Timeout', notSent: false });
  });
  it('does not repeat a create that may have arrived', async () => {
    await sb.setFault('jira', { fault: 'timeout', times: 1 });
    const e = await caught(transport('jira', { timeoutMs: 200 }).request({ method: 'POST', path: '/rest/api/3/issue', body: story }));
    expect(e).toMatchObject({ kind: 'network', notSent: false });
    expect(sb.jira.issues.size).toBe(1); // only the seeded epic
  });
  it('retries a create when the connection was refused, and reports notSent when it stays refused', async () => {
    await sb.setFault('github', 'refused');
    const e = await caught(transport('github').request({ method: 'POST', path: '/repos/sandbox-org/sandbox-repo/issues', body: { title: 'x' } }));
    expect(e).toMatchObject({ kind: 'network', statusText: 'Connection refused', notSent: true });
    expect(sleeps).toHaveLength(1);
    await sb.clearFault('github');
    const ok = await transport('github').request({ method: 'POST', path: '/repos/sandbox-org/sandbox-repo/issues', body: { title: 'x' } });
    expect(ok.status).toBe(201);
  });
});

describe('server errors and auth', () => {
  it('retries a 5xx once for reads, never for creates', async () => {
    await sb.setFault('confluence', { fault: 'server-error', times: 1 });
    expect((await transport('confluence').request({ method: 'GET', path: '/api/v2/spaces' })).status).toBe(200);
    await sb.setFault('jira', { fault: 'server-error', times: 1 });
    expect((await caught(transport('jira').request({ method: 'POST', path: '/rest/api/3/issue', body: story }))).kind).toBe('server');
    expect(count['POST /rest/api/3/issue']).toBe(1);
  });
  it('never retries 401', async () => {
    const e = await caught(transport('github', { token: 'ghp_wrongwrongwrong' }).request({ method: 'GET', path: '/user' }));
    expect(e).toMatchObject({ kind: 'auth', statusText: '401 Unauthorized' });
    expect(count['GET /user']).toBe(1);
  });
  it('turns a proxy HTML page into one clean line', async () => {
    await sb.setFault('linear', 'html');
    const e = await caught(transport('linear').graphql('query { viewer { id } }'));
    expect(e.kind).toBe('server');
    expect(e.message).not.toMatch(/<|html>/);
  });
});

describe('rate limits', () => {
  it('waits once for Retry-After, then succeeds', async () => {
    await sb.setFault('jira', { fault: 'rate-limit', times: 1, retryAfter: 7 });
    const r = await transport('jira').request({ method: 'GET', path: '/rest/api/3/myself' });
    expect(r.status).toBe(200);
    expect(sleeps).toContain(7000);
  });
  it('after a second limit, exhausts the budget: later requests are not attempted', async () => {
    const budget = newBudget('github');
    await sb.setFault('github', { fault: 'rate-limit', times: 2, retryAfter: 1 });
    const e = await caught(transport('github', { budget }).request({ method: 'GET', path: '/user' }));
    expect(e).toMatchObject({ kind: 'rate-limit', statusText: '429 Too Many Requests' });
    expect(budget).toMatchObject({ waited: true, exhausted: true });
    const before = count['GET /user'];
    const next = await caught(transport('github', { budget }).request({ method: 'GET', path: '/user' }));
    expect(next).toMatchObject({ kind: 'rate-limit', notSent: true });
    expect(count['GET /user']).toBe(before);
  });
  it('does not wait longer than the cap', async () => {
    await sb.setFault('confluence', { fault: 'rate-limit', retryAfter: 120 });
    const e = await caught(transport('confluence', { maxWait: 60_000 }).request({ method: 'GET', path: '/api/v2/spaces' }));
    expect(e).toMatchObject({ kind: 'rate-limit', retryAfterSeconds: 120 });
    expect(sleeps).toEqual([]);
  });
  it('reads Linear HTTP 400 RATELIMITED as a rate limit and waits for it', async () => {
    await sb.setFault('linear', { fault: 'rate-limit', times: 1, retryAfter: 2 });
    const d = await transport('linear').graphql<{ viewer: { id: string } }>('query { viewer { id } }');
    expect(d.viewer.id).toBeTruthy();
    expect(sleeps).toContain(2000);
  });
  it('paces GitHub content creation by the configured rate', async () => {
    const t = transport('github', { paces: { 'content-create': 80 } });
    for (let i = 0; i < 3; i++) await t.request({ method: 'POST', path: '/repos/sandbox-org/sandbox-repo/labels', body: { name: `pace-${i}-${Date.now()}` }, pace: 'content-create' });
    expect(sleeps.filter((s) => s > 0).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(750);
  });
  it("slows down when the service's remaining budget runs low", async () => {
    const local = await useSandbox({ limits: { github: { limit: 20, windowMs: 60_000 } } });
    const t = new Transport({ dialect: DIALECTS.github, baseUrl: local.urls.github, auth: { scheme: 'bearer', token: local.credentials.githubToken }, clock: fakeClock, budget: newBudget('github') });
    for (let i = 0; i < 19; i++) await t.request({ method: 'GET', path: '/user' });
    expect(sleeps.some((s) => s > 0)).toBe(true);
  });
  it('falls back at once when the pacing wait would exceed SPEC_RATE_LIMIT_MAX_WAIT_SECONDS (none left, reset in 1 h)', async () => {
    const local = await useSandbox({ limits: { github: { limit: 20, windowMs: 3_600_000 } } });
    const t = new Transport({ dialect: DIALECTS.github, baseUrl: local.urls.github, auth: { scheme: 'bearer', token: local.credentials.githubToken }, clock: fakeClock, budget: newBudget('github') });
    sleeps.length = 0;
    const e = await caught((async () => {
      for (let i = 0; i < 19; i++) await t.request({ method: 'GET', path: '/user' });
    })());
    expect(e.kind).toBe('rate-limit');
    expect(e.message).toContain('asks to wait longer than SPEC_RATE_LIMIT_MAX_WAIT_SECONDS');
    expect(sleeps.every((s) => s < 60_000)).toBe(true);
  });
});

describe('redaction', () => {
  it('keeps tokens and Authorization out of errors and debug lines', async () => {
    const lines: string[] = [];
    const secret = 'ghp_thisIsAVerySecretToken1234';
    const e = await caught(transport('github', { token: secret, debug: lines }).request({ method: 'GET', path: '/user' }));
    const all = [e.message, ...lines].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('Bearer ghp');
    expect(all).toContain('[hidden]');
  });
  it('sends the headers each vendor expects', async () => {
    const seen: Record<string, string>[] = [];
    const off = sb.onExchange((x) => void seen.push(x.requestHeaders));
    await transport('github').request({ method: 'GET', path: '/user' });
    await transport('linear').graphql('query { viewer { id } }');
    await transport('jira').request({ method: 'GET', path: '/rest/api/3/myself' });
    off();
    expect(seen[0]).toMatchObject({ 'x-github-api-version': '2022-11-28', authorization: `Bearer ${sb.credentials.githubToken}` });
    expect(seen[0]?.['user-agent']).toMatch(/spec/);
    expect(seen[1]?.authorization).toBe(sb.credentials.linearApiKey);
    expect(seen[2]?.authorization).toBe(`Basic ${Buffer.from(`${sb.credentials.atlassianEmail}:${sb.credentials.atlassianToken}`).toString('base64')}`);
  });
});
