// The emulators behave like the vendors on the points sync depends on (oracles/BEHAVIOURS.md).
// Raw fetch here, not our transport: these tests pin the sandbox, not the client.
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { parseFaults } from '../../scripts/src/sandbox/faults.js';

let sb: Sandbox;
beforeEach(async () => {
  sb ??= await useSandbox();
  await sb.clearFault();
});

const C = () => sb.credentials;
const basic = () => `Basic ${Buffer.from(`${C().atlassianEmail}:${C().atlassianToken}`).toString('base64')}`;
async function call(url: string, init: { method?: string; body?: unknown; auth?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'User-Agent': 'test', 'Content-Type': 'application/json', ...(init.auth === '' ? {} : { Authorization: init.auth ?? basic() }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
const jira = (p: string) => `${sb.urls.jira}/rest/api/3${p}`;
const conf = (p: string) => `${sb.urls.confluence}/api/v2${p}`;
const gh = (p: string) => `${sb.urls.github}${p}`;
const ghAuth = () => `Bearer ${C().githubToken}`;
const linear = (query: string, variables: Record<string, unknown> = {}, auth = C().linearApiKey) => call(sb.urls.linear, { method: 'POST', auth, body: { query, variables } });
const fields = (summary: string, extra: Record<string, unknown> = {}) => ({ fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary, ...extra } });

describe('faults', () => {
  it('parses the --faults syntax and rejects unknown names', () => {
    expect(parseFaults('jira:auth, github:rate-limit*2')).toEqual([
      { service: 'jira', spec: { fault: 'auth' } },
      { service: 'github', spec: { fault: 'rate-limit', times: 2 } },
    ]);
    expect(() => parseFaults('jira:melt')).toThrow(/unknown fault/);
    expect(() => parseFaults('gitlab:auth')).toThrow(/unknown service/);
  });
  it('can be set and cleared from another process through the admin endpoint', async () => {
    let r = await call(`${sb.urls.admin}/faults`, { method: 'POST', body: { service: 'github', fault: 'auth' }, auth: '' });
    expect(r.json).toEqual({ github: [{ fault: 'auth' }] });
    expect((await call(gh('/user'), { auth: ghAuth() })).status).toBe(401);
    r = await call(`${sb.urls.admin}/faults?service=github`, { method: 'DELETE', auth: '' });
    expect((await call(gh('/user'), { auth: ghAuth() })).status).toBe(200);
    expect((await call(`${sb.urls.admin}/faults`, { method: 'POST', body: { service: 'x', fault: 'auth' }, auth: '' })).status).toBe(400);
  });
  it('refuses connections and comes back on the same port', async () => {
    await sb.setFault('linear', 'refused');
    await expect(fetch(sb.urls.linear, { method: 'POST' })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await sb.clearFault('linear');
    expect((await linear('{ viewer { id } }')).status).toBe(200);
  });
});

describe('Jira', () => {
  it('answers bad credentials with the plain-text 401', async () => {
    const r = await call(jira('/myself'), { auth: 'Basic eDp5' });
    expect(r.status).toBe(401);
    expect(r.text).toBe('Client must be authenticated to access this resource.');
    expect(r.headers.get('www-authenticate')).toBeTruthy();
  });
  it('sends rate-limit headers on every response, and 429 with Retry-After when limited', async () => {
    const ok = await call(jira('/myself'));
    expect(ok.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    await sb.setFault('jira', { fault: 'rate-limit', retryAfter: 9 });
    const r = await call(jira('/myself'));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('9');
    expect(r.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(r.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
  it('rejects a field that is not on the screen, naming it', async () => {
    const r = await call(jira('/issue'), { method: 'POST', body: fields('x', { customfield_10011: 'Epic name' }) });
    expect(r.status).toBe(400);
    expect(r.json.errors.customfield_10011).toMatch(/not on the appropriate screen/);
  });
  it('injects required-field and epic-not-found errors', async () => {
    await sb.setFault('jira', 'required-field');
    let r = await call(jira('/issue'), { method: 'POST', body: fields('x') });
    expect(r.json).toEqual({ errorMessages: [], errors: { customfield_10001: 'Sprint is required.' } });
    r = await call(jira('/issue'), { method: 'POST', body: fields('x', { customfield_10001: 5 }) });
    expect(r.status).toBe(201);
    await sb.clearFault('jira');
    await sb.setFault('jira', 'epic-not-found');
    r = await call(jira('/issue'), { method: 'POST', body: fields('x', { parent: { key: 'PROJ-100' } }) });
    expect(r.json.errors.parent).toMatch(/Could not find issue/);
  });
  it('bulk-creates up to 50 with per-element errors: 201 when any succeed, 400 when all fail', async () => {
    const good = fields('bulk ok', { labels: ['spec-009-bulk'] });
    const bad = { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Story' }, summary: 'bad' } };
    let r = await call(jira('/issue/bulk'), { method: 'POST', body: { issueUpdates: [good, bad] } });
    expect(r.status).toBe(201);
    expect(r.json.issues).toHaveLength(1);
    expect(r.json.errors[0]).toMatchObject({ failedElementNumber: 1, status: 400 });
    r = await call(jira('/issue/bulk'), { method: 'POST', body: { issueUpdates: [bad] } });
    expect(r.status).toBe(400);
    r = await call(jira('/issue/bulk'), { method: 'POST', body: { issueUpdates: Array.from({ length: 51 }, () => good) } });
    expect(r.status).toBe(400);
  });
  it('finds items by label through /search/jql with nextPageToken paging; /search is gone', async () => {
    for (let i = 0; i < 3; i++) await call(jira('/issue'), { method: 'POST', body: fields(`paged ${i}`, { labels: ['spec-010-paged'] }) });
    const jql = 'project = PROJ AND labels = "spec-010-paged"';
    const first = await call(jira('/search/jql'), { method: 'POST', body: { jql, maxResults: 2, fields: ['summary'] } });
    expect(first.json.issues).toHaveLength(2);
    expect(first.json.isLast).toBe(false);
    const second = await call(jira('/search/jql'), { method: 'POST', body: { jql, maxResults: 2, fields: ['summary'], nextPageToken: first.json.nextPageToken } });
    expect(second.json).toMatchObject({ isLast: true });
    expect(second.json.issues).toHaveLength(1);
    expect((await call(jira(`/search?jql=${encodeURIComponent(jql)}`))).status).toBe(410);
  });
  it('updates fields and labels with PUT (204)', async () => {
    const c = await call(jira('/issue'), { method: 'POST', body: fields('before') });
    const r = await call(jira(`/issue/${c.json.key}`), { method: 'PUT', body: { fields: { summary: 'after' }, update: { labels: [{ add: 'x1' }] } } });
    expect(r.status).toBe(204);
    const g = await call(jira(`/issue/${c.json.key}`));
    expect(g.json.fields).toMatchObject({ summary: 'after', labels: ['x1'] });
  });
});

describe('Confluence', () => {
  const page = (title: string, spaceId = '98304') => ({ spaceId, status: 'current', title, parentId: '123456', body: { representation: 'storage', value: '<p>x</p>' } });
  it('creates a page (200), refuses a duplicate title (400), and requires version + 1 on update', async () => {
    const r = await call(conf('/pages'), { method: 'POST', body: page('Feature 005: Y - Technical Plan') });
    expect(r.status).toBe(200);
    expect(r.json.version.number).toBe(1);
    const dup = await call(conf('/pages'), { method: 'POST', body: page('Feature 005: Y - Technical Plan') });
    expect(dup.status).toBe(400);
    expect(dup.json.errors[0].title).toMatch(/A page with this title already exists/);
    const stale = await call(conf(`/pages/${r.json.id}`), { method: 'PUT', body: { id: r.json.id, status: 'current', title: 'Feature 005: Y - Technical Plan', body: { representation: 'storage', value: 'v' }, version: { number: 1 } } });
    expect(stale.status).toBe(409);
    const ok = await call(conf(`/pages/${r.json.id}`), { method: 'PUT', body: { id: r.json.id, status: 'current', title: 'Feature 005: Y - Technical Plan', body: { representation: 'storage', value: 'v2' }, version: { number: 2 } } });
    expect(ok.json.version.number).toBe(2);
    const found = await call(conf(`/pages?title=${encodeURIComponent('Feature 005: Y - Technical Plan')}&space-id=98304&body-format=storage`));
    expect(found.json.results[0].body.storage.value).toBe('v2');
  });
  it('answers 404 for a space that does not exist (or under the space-not-found fault)', async () => {
    expect((await call(conf('/pages'), { method: 'POST', body: page('Z', '1') })).json).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
    await sb.setFault('confluence', 'space-not-found');
    expect((await call(conf('/spaces?keys=DEV'))).json.results).toEqual([]);
  });
  it('lists the operations the user may do in a space', async () => {
    expect((await call(conf('/spaces/98304/operations'))).json.operations).toContainEqual({ operation: 'create', targetType: 'page' });
    await sb.setFault('confluence', 'permission');
    expect((await call(conf('/spaces/98304/operations'))).json.operations).not.toContainEqual({ operation: 'create', targetType: 'page' });
  });
});

describe('Linear', () => {
  it('executes real documents and rejects invalid ones with a graphql error', async () => {
    const ok = await linear('query Me { viewer { id name } }');
    expect(ok.json.data.viewer.name).toBe('Sandbox User');
    expect(ok.headers.get('x-ratelimit-requests-remaining')).toMatch(/^\d+$/);
    const bad = await linear('query { viewer { nope } }');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].extensions.type).toBe('graphql error');
  });
  it('answers a bad key with an authentication error', async () => {
    const r = await linear('{ viewer { id } }', {}, 'lin_api_wrong');
    expect(r.json.errors[0].extensions.type).toBe('authentication error');
  });
  it('batch-creates up to 50 and filters issues by label name', async () => {
    const label = await linear('mutation($i: IssueLabelCreateInput!) { issueLabelCreate(input: $i) { issueLabel { id } } }', { i: { name: 'spec-011-lin' } });
    const labelId = label.json.data.issueLabelCreate.issueLabel.id;
    const issues = [1, 2, 3].map((n) => ({ teamId: C().linearTeamId, title: `T00${n}`, labelIds: n < 3 ? [labelId] : [] }));
    const r = await linear('mutation($i: IssueBatchCreateInput!) { issueBatchCreate(input: $i) { success issues { identifier } } }', { i: { issues } });
    expect(r.json.data.issueBatchCreate.issues).toHaveLength(3);
    const found = await linear('query($f: IssueFilter) { issues(filter: $f) { nodes { title } } }', { f: { labels: { some: { name: { eq: 'spec-011-lin' } } } } });
    expect(found.json.data.issues.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['T001', 'T002']);
    const tooMany = await linear('mutation($i: IssueBatchCreateInput!) { issueBatchCreate(input: $i) { success } }', { i: { issues: Array.from({ length: 51 }, () => issues[0]) } });
    expect(tooMany.json.errors[0].extensions.type).toBe('invalid input');
  });
  it('rate-limits with HTTP 400 and code RATELIMITED', async () => {
    await sb.setFault('linear', 'rate-limit');
    const r = await linear('{ viewer { id } }');
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'RATELIMITED', statusCode: 429 });
    expect(r.headers.get('retry-after')).toBe('1');
  });
});

describe('GitHub', () => {
  const repo = '/repos/sandbox-org/sandbox-repo';
  it('creates issues (201 + Location), filters by label with state=all, pages with Link', async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await call(gh(`${repo}/issues`), { method: 'POST', auth: ghAuth(), body: { title: `T00${i}: task`, labels: ['spec-012-gh'] } });
      expect(r.status).toBe(201);
      expect(r.headers.get('location')).toContain('/issues/');
    }
    const first = await call(gh(`${repo}/issues?labels=spec-012-gh&state=all&per_page=2`), { auth: ghAuth() });
    expect(first.json).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] as string;
    expect((await call(next, { auth: ghAuth() })).json).toHaveLength(1);
  });
  it('closes and reopens an issue', async () => {
    const c = await call(gh(`${repo}/issues`), { method: 'POST', auth: ghAuth(), body: { title: 'to close' } });
    const closed = await call(gh(`${repo}/issues/${c.json.number}`), { method: 'PATCH', auth: ghAuth(), body: { state: 'closed' } });
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect((await call(gh(`${repo}/issues?state=open`), { auth: ghAuth() })).json.map((i: { number: number }) => i.number)).not.toContain(c.json.number);
    expect((await call(gh(`${repo}/issues/${c.json.number}`), { method: 'PATCH', auth: ghAuth(), body: { state: 'open' } })).json.state).toBe('open');
  });
  it('answers Bad credentials, a hidden repo with 404, a missing title with 422, and no User-Agent with 403', async () => {
    expect((await call(gh('/user'), { auth: 'Bearer nope' })).json.message).toBe('Bad credentials');
    expect((await call(gh('/repos/someone/private'), { auth: ghAuth() })).status).toBe(404);
    const r = await call(gh(`${repo}/issues`), { method: 'POST', auth: ghAuth(), body: {} });
    expect(r.status).toBe(422);
    expect(r.json.errors[0]).toEqual({ resource: 'Issue', field: 'title', code: 'missing_field' });
    const noUa = await fetch(gh('/user'), { headers: { Authorization: ghAuth(), 'User-Agent': '' } });
    expect(noUa.status).toBe(403);
  });
  it('enforces the secondary limit on content creation, on the scaled clock', async () => {
    const fast = await useSandbox({ clockScale: 600, limits: { githubContentCreation: { limit: 3, windowMs: 60_000 } } });
    const auth = `Bearer ${fast.credentials.githubToken}`;
    const post = () => call(`${fast.urls.github}${repo}/issues`, { method: 'POST', auth, body: { title: 't' } });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
    const limited = await post();
    expect(limited.status).toBe(403);
    expect(limited.json.message).toMatch(/secondary rate limit/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 150)); // 150 ms × 600 = 90 s emulated: the window has passed
    expect((await post()).status).toBe(201);
  });
});
