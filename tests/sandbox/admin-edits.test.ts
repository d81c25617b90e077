// The sandbox plays the other side: people edit, transition, close, transfer and delete items, and
// Jira's workflow answers /transitions as the published description says. Raw fetch, real loopback;
// every Jira and GitHub exchange is checked against the oracles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractRecorder, oraclesAvailable } from '../helpers/contract.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';

let sb: Sandbox;
let contract: ContractRecorder | undefined;
beforeAll(async () => {
  sb = await useSandbox();
  if (oraclesAvailable) {
    contract = new ContractRecorder();
    contract.attach(sb);
  }
});
afterAll(async () => {
  await contract?.assertClean();
});

const C = () => sb.credentials;
const basic = () => `Basic ${Buffer.from(`${C().atlassianEmail}:${C().atlassianToken}`).toString('base64')}`;
async function call(url: string, init: { method?: string; body?: unknown; auth?: string } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { 'User-Agent': 'test', 'Content-Type': 'application/json', Authorization: init.auth ?? basic() },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json };
}
const admin = (method: string, path: string, body?: unknown) => call(`${sb.urls.admin}${path}`, { method, body });
const jira = (p: string) => `${sb.urls.jira}/rest/api/3${p}`;
const gh = (p: string) => `${sb.urls.github}/repos/${C().githubOwner}/${C().githubRepo}${p}`;
const ghAuth = () => `Bearer ${C().githubToken}`;

async function story(summary: string): Promise<string> {
  const r = await call(jira('/issue'), { method: 'POST', body: { fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary } } });
  expect(r.status).toBe(201);
  return r.json.key as string;
}

describe('Jira workflow through /transitions', () => {
  it('lists the transitions available from the current status, each with its target status category', async () => {
    const key = await story('Workflow');
    const issue = await call(jira(`/issue/${key}?fields=status`));
    expect(issue.json.fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    const t = await call(jira(`/issue/${key}/transitions`));
    expect(t.status).toBe(200);
    expect(t.json.transitions.map((x: { name: string; to: { statusCategory: { key: string } } }) => [x.name, x.to.statusCategory.key])).toEqual([
      ['Start work', 'indeterminate'],
      ['Ship it', 'done'],
      ['Decline', 'done'],
    ]);
  });

  it('moves the issue on POST (204), refuses a transition not available from here (400) and an unknown issue (404)', async () => {
    const key = await story('Move me');
    expect((await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: { transition: { id: '51' } } })).status).toBe(400);
    expect((await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: {} })).status).toBe(400);
    expect((await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: { transition: { id: '11' } } })).status).toBe(204);
    expect((await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: { transition: { id: '31' } } })).status).toBe(204);
    expect((await call(jira(`/issue/${key}?fields=status`))).json.fields.status).toMatchObject({ name: 'Closed', statusCategory: { key: 'done', name: 'Done' } });
    const search = await call(jira('/search/jql'), { method: 'POST', body: { jql: `statusCategory = Done AND key in (${key})`, fields: ['status'] } });
    expect(search.json.issues.map((i: { key: string }) => i.key)).toEqual([key]);
    expect((await call(jira('/issue/PROJ-99999/transitions'))).status).toBe(404);
  });

  it('a workflow validator the admin switches on refuses done transitions with an ErrorCollection', async () => {
    const key = await story('Validator');
    await admin('POST', '/edit/jira-workflow', { refuseDone: 'Resolution is required.' });
    const r = await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: { transition: { id: '41' } } });
    expect([r.status, r.json]).toEqual([400, { errorMessages: [], errors: { resolution: 'Resolution is required.' } }]);
    await admin('POST', '/edit/jira-workflow', { refuseDone: null });
    expect((await call(jira(`/issue/${key}/transitions`), { method: 'POST', body: { transition: { id: '41' } } })).status).toBe(204);
  });
});

describe('admin edits', () => {
  it('Jira: edits summary, description (plain text becomes ADF) and status; moves; deletes', async () => {
    const key = await story('Original');
    const before = (await call(jira(`/issue/${key}?fields=updated`))).json.fields.updated;
    await new Promise((r) => setTimeout(r, 5));
    expect((await admin('POST', `/edit/jira/${key}`, { summary: 'Edited by PM', description: 'First line.\n\nSecond paragraph.', status: 'In Review' })).status).toBe(200);
    const after = (await call(jira(`/issue/${key}?fields=summary,description,status,updated`))).json.fields;
    expect(after.summary).toBe('Edited by PM');
    expect(after.description.content.map((p: { content: Array<{ text: string }> }) => p.content[0]?.text)).toEqual(['First line.', 'Second paragraph.']);
    expect(after.status.name).toBe('In Review');
    expect(after.updated).not.toBe(before);
    const moved = await admin('POST', `/edit/jira/${key}/move`, { project: 'OTHER' });
    const viaOld = await call(jira(`/issue/${key}?fields=project`));
    expect([viaOld.status, viaOld.json.key, viaOld.json.fields.project.key]).toEqual([200, moved.json.key, 'OTHER']);
    await admin('DELETE', `/edit/jira/${moved.json.key}`);
    expect((await call(jira(`/issue/${moved.json.key}`))).status).toBe(404);
    expect((await admin('POST', '/edit/jira/PROJ-99999', { summary: 'x' })).status).toBe(404);
  });

  it('GitHub: close by someone, reopen, since filter, transfer (301) and delete (410)', async () => {
    const made = await call(gh('/issues'), { method: 'POST', auth: ghAuth(), body: { title: 'T001: task' } });
    const n = made.json.number as number;
    const mark = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await admin('POST', `/edit/github/${n}`, { state: 'closed', by: 'octocat' });
    const one = await call(gh(`/issues/${n}`), { auth: ghAuth() });
    expect([one.json.state, one.json.state_reason, one.json.closed_by?.login]).toEqual(['closed', 'completed', 'octocat']);
    const since = await call(gh(`/issues?state=all&since=${mark}`), { auth: ghAuth() });
    expect(since.json.map((i: { number: number }) => i.number)).toContain(n);
    const future = await call(gh(`/issues?state=all&since=2999-01-01T00:00:00Z`), { auth: ghAuth() });
    expect(future.json).toEqual([]);
    await admin('POST', `/edit/github/${n}`, { state: 'open' });
    expect((await call(gh(`/issues/${n}`), { auth: ghAuth() })).json.state_reason).toBe('reopened');
    await admin('POST', `/edit/github/${n}/transfer`, { to: 'acme/elsewhere' });
    const t = await call(gh(`/issues/${n}`), { auth: ghAuth() });
    expect([t.status, t.headers.get('location')]).toEqual([301, `${sb.urls.github}/repos/acme/elsewhere/issues/${1000 + n}`]);
    const other = await call(gh('/issues'), { method: 'POST', auth: ghAuth(), body: { title: 'T002: task' } });
    await admin('DELETE', `/edit/github/${other.json.number}`);
    expect((await call(gh(`/issues/${other.json.number}`), { auth: ghAuth() })).status).toBe(410);
  });

  it('Linear: edits title, description and state (by name or type); deletes', async () => {
    const q = (query: string, variables: Record<string, unknown> = {}) => call(sb.urls.linear, { method: 'POST', auth: C().linearApiKey, body: { query, variables } });
    const created = await q('mutation($i: IssueCreateInput!) { issueCreate(input: $i) { issue { id identifier state { type } } } }', { i: { teamId: C().linearTeamId, title: 'Feature' } });
    const { id, identifier } = created.json.data.issueCreate.issue;
    await admin('POST', `/edit/linear/${identifier}`, { title: 'Renamed', description: 'New words', state: 'started' });
    const read = async () => (await q('query($id: String!) { issue(id: $id) { title description state { name type } } }', { id })).json;
    expect((await read()).data.issue).toEqual({ title: 'Renamed', description: 'New words', state: { name: 'In Progress', type: 'started' } });
    await admin('POST', `/edit/linear/${id}`, { state: 'Canceled' });
    expect((await read()).data.issue.state.type).toBe('canceled');
    expect((await admin('POST', `/edit/linear/${id}`, { state: 'Nope' })).status).toBe(400);
    await admin('DELETE', `/edit/linear/${id}`);
    expect((await read()).errors[0].message).toContain('Entity not found');
  });

  it('Confluence: an edit is a new version by another author; a deleted page is 404', async () => {
    const conf = (p: string) => `${sb.urls.confluence}/api/v2${p}`;
    const spaces = await call(conf(`/spaces?keys=${C().confluenceSpace}`));
    const page = await call(conf('/pages'), { method: 'POST', body: { spaceId: spaces.json.results[0].id, status: 'current', title: 'Plan page', parentId: C().confluenceRootPageId, body: { representation: 'storage', value: '<p>ours</p>' } } });
    await admin('POST', `/edit/confluence/${page.json.id}`, { body: '<p>theirs</p>' });
    const read = await call(conf(`/pages/${page.json.id}?body-format=storage`));
    expect([read.json.version.number, read.json.body.storage.value]).toEqual([2, '<p>theirs</p>']);
    await admin('DELETE', `/edit/confluence/${page.json.id}`);
    expect((await call(conf(`/pages/${page.json.id}`))).status).toBe(404);
  });
});
