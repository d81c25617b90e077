// The sandbox refuses what the vendors refuse (sandbox/refusals.ts, jira-projects.ts), lags where
// Jira's search lags (search-lag.ts) and keeps its items across restarts (persist.ts).
// Raw fetch here, not our transport: these tests pin the sandbox, not the client.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BUNDLE, cleanEnv, tempDir } from '../helpers/project.js';
import { FAULTS } from '../../scripts/src/sandbox/faults.js';
import { startSandbox } from '../../scripts/src/sandbox/server.js';

let sb: Sandbox;
beforeEach(async () => {
  sb ??= await useSandbox();
  await sb.clearFault();
  sb.jira.search.lagSeconds = 0;
});

const C = () => sb.credentials;
const basic = () => `Basic ${Buffer.from(`${C().atlassianEmail}:${C().atlassianToken}`).toString('base64')}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(url: string, init: { method?: string; body?: unknown; auth?: string; raw?: string } = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'User-Agent': 'test', 'Content-Type': 'application/json', Authorization: init.auth ?? basic() },
    ...(init.raw !== undefined ? { body: init.raw } : init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}
const jira = (p: string) => `${sb.urls.jira}/rest/api/3${p}`;
const conf = (p: string) => `${sb.urls.confluence}/api/v2${p}`;
const gh = (p: string, init: { method?: string; body?: unknown } = {}) => call(`${sb.urls.github}/repos/sandbox-org/sandbox-repo${p}`, { ...init, auth: `Bearer ${C().githubToken}` });
const story = (summary: string, extra: Record<string, unknown> = {}, project = 'PROJ') => ({ fields: { project: { key: project }, issuetype: { name: 'Story' }, summary, ...extra } });
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('GitHub refusals', () => {
  const long = `spec-001-${'x'.repeat(42)}`; // 51 characters
  it('refuses a label over 50 characters on label create, issue create and issue update', async () => {
    let r = await gh('/labels', { method: 'POST', body: { name: long } });
    expect(r.status).toBe(422);
    expect(r.json.errors).toEqual([{ resource: 'Label', code: 'custom', field: 'name', message: 'name is too long (maximum is 50 characters)' }]);
    expect((await gh('/labels', { method: 'POST', body: { name: long.slice(0, 50) } })).status).toBe(201);

    r = await gh('/issues', { method: 'POST', body: { title: 'T', labels: [long] } });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ message: 'Validation Failed', errors: [{ value: long, resource: 'Label', field: 'name', code: 'invalid' }] });
    const before = sb.github.issues.length;
    expect(sb.github.labels.some((l) => l.name === long)).toBe(false);

    const ok = await gh('/issues', { method: 'POST', body: { title: 'T', labels: ['spec'] } });
    expect(ok.status).toBe(201);
    r = await gh(`/issues/${ok.json.number}`, { method: 'PATCH', body: { labels: ['spec', long] } });
    expect(r.status).toBe(422);
    expect(sb.github.issues.find((i) => i.number === ok.json.number)?.labels).toEqual(['spec']);
    expect(sb.github.issues.length).toBe(before + 1);
  });
  it('refuses a title over 256 and a body over 65,536 characters', async () => {
    let r = await gh('/issues', { method: 'POST', body: { title: 't'.repeat(257) } });
    expect(r.status).toBe(422);
    expect(r.json.errors).toEqual([{ resource: 'Issue', code: 'custom', field: 'title', message: 'title is too long (maximum is 256 characters)' }]);
    r = await gh('/issues', { method: 'POST', body: { title: 'ok', body: 'b'.repeat(65_537) } });
    expect(r.json.errors[0]).toMatchObject({ field: 'body', message: 'body is too long (maximum is 65536 characters)' });
    expect((await gh('/issues', { method: 'POST', body: { title: 't'.repeat(256), body: 'b'.repeat(65_536) } })).status).toBe(201);
  });
  it('fine-grained token: the repository says push, every write answers 403 naming the permission', async () => {
    await sb.setFault('github', 'fine-grained-token');
    const repo = await gh('');
    expect(repo.json.permissions.push).toBe(true);
    expect((await gh('/issues')).status).toBe(200);
    let r = await gh('/issues', { method: 'POST', body: { title: 'T' } });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('Resource not accessible by personal access token');
    expect(r.headers.get('x-accepted-github-permissions')).toBe('issues=write');
    r = await gh('/labels', { method: 'POST', body: { name: 'spec' } });
    expect(r.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
  });
});

describe('JIRA refusals', () => {
  it('refuses a summary over 255 and a description over 32,767 characters, naming the field', async () => {
    let r = await call(jira('/issue'), { method: 'POST', body: story('s'.repeat(256)) });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ errorMessages: [], errors: { summary: 'Summary must be less than 255 characters.' } });
    r = await call(jira('/issue'), { method: 'POST', body: story('ok', { description: adf('d'.repeat(32_800)) }) });
    expect(r.json.errors).toEqual({ description: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' });
    const created = await call(jira('/issue'), { method: 'POST', body: story('ok', { description: adf('d'.repeat(30_000)) }) });
    expect(created.status).toBe(201);
    r = await call(jira(`/issue/${created.json.key}`), { method: 'PUT', body: { fields: { description: adf('d'.repeat(32_800)) } } });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json.errors)).toEqual(['description']);
  });
  it('accepts only the project scheme’s priority names, and refuses Priority where it is off-screen', async () => {
    expect((await call(jira('/issue'), { method: 'POST', body: story('a', { priority: { name: 'High' } }) })).status).toBe(201);
    let r = await call(jira('/issue'), { method: 'POST', body: story('b', { priority: { name: 'High' } }, 'CORE') });
    expect(r.json).toEqual({ errorMessages: [], errors: { priority: 'The priority selected is invalid.' } });
    expect((await call(jira('/issue'), { method: 'POST', body: story('c', { priority: { name: 'Major' } }, 'CORE') })).status).toBe(201);
    r = await call(jira('/issue'), { method: 'POST', body: story('d', { priority: { name: 'High' } }, 'LEAN') });
    expect(r.json.errors).toEqual({ priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown." });
    expect((await call(jira('/issue'), { method: 'POST', body: story('e', {}, 'LEAN') })).status).toBe(201);
  });
  it('create metadata shows each project’s priorities, and no Priority field where it is off-screen', async () => {
    const meta = async (project: string) => (await call(jira(`/issue/createmeta/${project}/issuetypes/10001`))).json.fields as Array<{ fieldId: string; allowedValues?: Array<{ name: string }> }>;
    expect((await meta('CORE')).find((f) => f.fieldId === 'priority')?.allowedValues?.map((v) => v.name)).toEqual(['Blocker', 'Critical', 'Major', 'Minor', 'Trivial']);
    expect((await meta('LEAN')).some((f) => f.fieldId === 'priority')).toBe(false);
    expect((await call(jira('/project/CORE'))).status).toBe(200);
  });
  it('keeps entity properties sent in the create request', async () => {
    const r = await call(jira('/issue'), { method: 'POST', body: { ...story('with property'), properties: [{ key: 'spec', value: { project: 'p1', feature: '001', item: 'story:US1' } }] } });
    expect(r.status).toBe(201);
    const prop = await call(jira(`/issue/${r.json.key}/properties/spec`));
    expect(prop.json).toEqual({ key: 'spec', value: { project: 'p1', feature: '001', item: 'story:US1' } });
    expect((await call(jira(`/issue/${r.json.key}/properties/other`))).status).toBe(404);
  });
});

describe('JIRA search-index lag', () => {
  const search = (jql: string, reconcileIssues?: number[]) => call(jira('/search/jql'), { method: 'POST', body: { jql, fields: ['summary'], ...(reconcileIssues ? { reconcileIssues } : {}) } });
  it('hides a new issue from /search/jql for the lag, unless its id is reconciled; GET by key sees it at once', async () => {
    sb.jira.search.lagSeconds = 3600;
    const created = await call(jira('/issue'), { method: 'POST', body: story('lagging', { labels: ['lag-test'] }) });
    expect((await search('labels = lag-test')).json.issues).toEqual([]);
    expect((await call(jira(`/issue/${created.json.key}`))).status).toBe(200);
    const r = await search('labels = lag-test', [Number(created.json.id)]);
    expect(r.json.issues.map((i: { key: string }) => i.key)).toEqual([created.json.key]);
    // GET carries reconcileIssues in the query string.
    const g = await call(jira(`/search/jql?jql=${encodeURIComponent('labels = lag-test')}&fields=summary&reconcileIssues=${created.json.id}`));
    expect(g.json.issues).toHaveLength(1);
    expect((await search('labels = lag-test', Array.from({ length: 51 }, (_, i) => i + 1))).status).toBe(400);
  });
  it('shows the issue once the lag has passed on the emulated clock; the lag is set through the admin URL', async () => {
    const fast = await useSandbox({ clockScale: 100 });
    const set = await call(`${fast.urls.admin}/search-lag`, { method: 'POST', body: { seconds: 5 } });
    expect(set.json).toEqual({ seconds: 5 });
    const created = await call(`${fast.urls.jira}/rest/api/3/issue`, { method: 'POST', body: story('soon', { labels: ['soon'] }) });
    const find = () => call(`${fast.urls.jira}/rest/api/3/search/jql`, { method: 'POST', body: { jql: 'labels = soon' } });
    expect((await find()).json.issues).toEqual([]);
    await new Promise((r) => setTimeout(r, 80)); // 8 emulated seconds
    expect((await find()).json.issues).toEqual([{ id: created.json.id }]);
    expect((await call(`${fast.urls.admin}/search-lag`, { method: 'POST', body: { seconds: 'x' } })).status).toBe(400);
  });
});

describe('Confluence refusals', () => {
  const create = (title: string, value = '<p>x</p>') => call(conf('/pages'), { method: 'POST', body: { spaceId: '98304', status: 'current', title, body: { representation: 'storage', value } } });
  it('refuses a body over 5 MB with 413', async () => {
    const r = await create('Huge', `<p>${'x'.repeat(5 * 1024 * 1024)}</p>`);
    expect(r.status).toBe(413);
    expect(r.json.errors[0].code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });
  it('answers 409 to a stale version', async () => {
    const page = await create('Versioned');
    const put = (n: number) => call(conf(`/pages/${page.json.id}`), { method: 'PUT', body: { id: page.json.id, status: 'current', title: 'Versioned', body: { representation: 'storage', value: '<p>y</p>' }, version: { number: n } } });
    expect((await put(2)).status).toBe(200);
    const stale = await put(2);
    expect(stale.status).toBe(409);
    expect(stale.json.errors[0].title).toContain('Current version is: 2');
  });
  it('an archived page keeps its title, is listed with status archived, and cannot be edited', async () => {
    const page = await create('Old plan');
    const a = await call(`${sb.urls.admin}/confluence/archive`, { method: 'POST', body: { id: page.json.id } });
    expect(a.json.status).toBe('archived');
    const listed = await call(conf(`/pages?title=${encodeURIComponent('Old plan')}&space-id=98304`));
    expect(listed.json.results.map((p: { status: string }) => p.status)).toEqual(['archived']);
    expect((await call(conf(`/pages?title=${encodeURIComponent('Old plan')}&status=current`))).json.results).toEqual([]);
    expect((await create('Old plan')).json.errors[0].title).toMatch(/already exists/);
    const put = await call(conf(`/pages/${page.json.id}`), { method: 'PUT', body: { id: page.json.id, status: 'current', title: 'Old plan', body: { representation: 'storage', value: '<p>z</p>' }, version: { number: 2 } } });
    expect(put.status).toBe(400);
    expect(put.json.errors[0].title).toMatch(/archived/);
  });
});

describe('Linear create permission', () => {
  it('a guest outside the team: viewer.teams is empty and issueCreate is forbidden', async () => {
    const q = (query: string, variables: Record<string, unknown> = {}) => call(sb.urls.linear, { method: 'POST', auth: C().linearApiKey, body: { query, variables } });
    const teams = '{ viewer { guest teams(filter: { key: { eq: "ENG" } }) { nodes { id key } } } }';
    expect((await q(teams)).json.data.viewer).toEqual({ guest: false, teams: { nodes: [{ id: C().linearTeamId, key: 'ENG' }] } });
    await sb.setFault('linear', 'permission');
    expect((await q(teams)).json.data.viewer).toEqual({ guest: true, teams: { nodes: [] } });
    const r = await q('mutation($i: IssueCreateInput!) { issueCreate(input: $i) { success } }', { i: { teamId: C().linearTeamId, title: 'x' } });
    expect(r.json.errors[0].extensions.type).toBe('forbidden');
  });
});

describe('sandbox state and help', () => {
  it('keeps issues, pages and labels across a restart with --state, and continues the numbering', async () => {
    const file = join(tempDir(), 'sandbox-state.json');
    const first = await startSandbox({ port: 0, statePath: file });
    const auth = `Bearer ${first.credentials.githubToken}`;
    const post = (url: string, body: unknown, a = basic()) => call(url, { method: 'POST', body, auth: a });
    const j = await post(`${first.urls.jira}/rest/api/3/issue`, story('kept'));
    const g = await post(`${first.urls.github}/repos/sandbox-org/sandbox-repo/issues`, { title: 'kept', labels: ['spec-001-kept'] }, auth);
    const c = await post(`${first.urls.confluence}/api/v2/pages`, { spaceId: '98304', status: 'current', title: 'Kept page', body: { representation: 'storage', value: '<p>k</p>' } });
    await first.stop();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);

    const second = await startSandbox({ port: 0, statePath: file });
    try {
      expect((await call(`${second.urls.jira}/rest/api/3/issue/${j.json.key}`)).json.fields.summary).toBe('kept');
      expect((await call(`${second.urls.github}/repos/sandbox-org/sandbox-repo/issues/${g.json.number}`, { auth })).json.labels[0].name).toBe('spec-001-kept');
      expect((await call(`${second.urls.confluence}/api/v2/pages/${c.json.id}`)).json.title).toBe('Kept page');
      const next = await post(`${second.urls.jira}/rest/api/3/issue`, story('next'));
      expect(Number(next.json.key.split('-')[1])).toBe(Number(j.json.key.split('-')[1]) + 1);
      // Saved issues are indexed: search finds them at once even with a lag.
      second.jira.search.lagSeconds = 3600;
      const found = await post(`${second.urls.jira}/rest/api/3/search/jql`, { jql: 'summary ~ "kept"' });
      expect(found.json.issues).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
  it('spec sandbox --help lists every fault and option; a bad --search-lag or state file is one clear line', async () => {
    const help = await execa('node', [BUNDLE, 'sandbox', '--help'], { env: cleanEnv(), extendEnv: false, reject: false });
    expect(help.exitCode).toBe(0);
    for (const f of FAULTS) expect(help.stdout).toMatch(new RegExp(`^  ${f} `, 'm'));
    for (const o of ['--port', '--faults', '--limits', '--clock-scale', '--search-lag', '--state']) expect(help.stdout).toContain(o);
    const bad = await execa('node', [BUNDLE, 'sandbox', '--port=0', '--search-lag=soon'], { env: cleanEnv(), extendEnv: false, reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--search-lag');
    const dir = tempDir();
    const broken = join(dir, 'state.json');
    (await import('node:fs')).writeFileSync(broken, '{not json');
    const r = await execa('node', [BUNDLE, 'sandbox', '--port=0', `--state=${broken}`], { env: cleanEnv(), extendEnv: false, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^✗ --state: .*state\.json is not a sandbox state file/);
  });
});
