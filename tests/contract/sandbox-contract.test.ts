// Every request a tracker call sends to the sandbox and every answer it gives (successes and each
// fault) must fit the published descriptions in ../shared/oracles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractRecorder, NO_ORACLES, oraclesAvailable } from '../helpers/contract.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { Transport } from '../../scripts/src/trackers/transport.js';
import { newBudget } from '../../scripts/src/trackers/policy.js';
import type { Tracker } from '../../scripts/src/config/keys.js';
import { DIALECTS } from '../../scripts/src/trackers/dialects.js';
import type { FaultName, ServiceName } from '../../scripts/src/sandbox/faults.js';

if (!oraclesAvailable) console.log(NO_ORACLES);

describe.skipIf(!oraclesAvailable)('sandbox ↔ published API descriptions', () => {
  let sb: Sandbox;
  let contract: ContractRecorder;
  const t = (integration: Tracker) => {
    const C = sb.credentials;
    const auth =
      integration === 'linear' ? { scheme: 'raw' as const, token: C.linearApiKey } : integration === 'github' ? { scheme: 'bearer' as const, token: C.githubToken } : { scheme: 'basic' as const, email: C.atlassianEmail, token: C.atlassianToken };
    const baseUrl = { jira: sb.urls.jira, confluence: sb.urls.confluence, linear: sb.urls.linear, github: sb.urls.github }[integration];
    return new Transport({ dialect: DIALECTS[integration], baseUrl, auth, budget: newBudget(integration), rateLimitMaxWaitMs: 0, timeoutMs: 2000, clock: { now: () => Date.now(), sleep: async () => {} } });
  };
  const attempt = async (p: Promise<unknown>) => p.then(() => 'ok', (e: Error & { kind?: string }) => e.kind ?? e.message);

  beforeAll(async () => {
    sb = await useSandbox();
    contract = new ContractRecorder();
    contract.attach(sb);
  });
  afterAll(async () => {
    await contract.settle();
  });

  it('Jira operations and error answers', async () => {
    const j = t('jira');
    await j.request({ method: 'GET', path: '/rest/api/3/myself' });
    await j.request({ method: 'GET', path: '/rest/api/3/project/PROJ' });
    await j.request({ method: 'GET', path: '/rest/api/3/mypermissions', query: { projectKey: 'PROJ', permissions: 'CREATE_ISSUES' } });
    await j.request({ method: 'GET', path: '/rest/api/3/field' });
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] };
    const created = await j.request<{ key: string }>({ method: 'POST', path: '/rest/api/3/issue', body: { fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary: 'Story', description: adf, labels: ['spec-001-x'], parent: { key: 'PROJ-100' } } } });
    await j.request({ method: 'GET', path: `/rest/api/3/issue/${created.body.key}` });
    await j.request({ method: 'PUT', path: `/rest/api/3/issue/${created.body.key}`, body: { fields: { summary: 'Story 2' }, update: { labels: [{ add: 'extra' }] } } });
    await j.request({ method: 'GET', path: `/rest/api/3/issue/${created.body.key}/editmeta` });
    await j.request({ method: 'GET', path: '/rest/api/3/issue/createmeta/PROJ/issuetypes' });
    await j.request({ method: 'GET', path: '/rest/api/3/issue/createmeta/PROJ/issuetypes/10001' });
    const bulk = { issueUpdates: [0, 1, 2].map((i) => ({ fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary: `Bulk ${i}`, labels: ['spec-002-y'] } })) };
    await j.request({ method: 'POST', path: '/rest/api/3/issue/bulk', body: bulk });
    const partial = { issueUpdates: [{ fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary: 'ok' } }, { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Story' }, summary: 'bad' } }] };
    await j.request({ method: 'POST', path: '/rest/api/3/issue/bulk', body: partial });
    expect(await attempt(j.request({ method: 'POST', path: '/rest/api/3/issue/bulk', body: { issueUpdates: [partial.issueUpdates[1]] } }))).toBe('not-found');
    await j.request({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = PROJ AND labels = "spec-002-y"', maxResults: 2, fields: ['summary', 'labels'] } });
    await j.request({ method: 'GET', path: '/rest/api/3/search/jql', query: { jql: 'project = PROJ', maxResults: 2, fields: 'summary' } });
    expect(await attempt(j.request({ method: 'GET', path: '/rest/api/3/issue/PROJ-999' }))).toBe('not-found');
    expect(await attempt(j.request({ method: 'GET', path: '/rest/api/3/project/NOPE' }))).toBe('not-found');
    const story = { fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary: 's', customfield_10016: 3, parent: { key: 'PROJ-100' } } };
    for (const fault of ['field-not-on-screen', 'required-field', 'epic-not-found', 'permission'] as FaultName[]) {
      await sb.setFault('jira', fault);
      expect(await attempt(j.request({ method: 'POST', path: '/rest/api/3/issue', body: story }))).toBe(fault === 'permission' ? 'permission' : 'validation');
      await sb.clearFault('jira');
    }
  });

  it('Confluence operations and error answers', async () => {
    const c = t('confluence');
    const spaces = await c.request<{ results: Array<{ id: string }> }>({ method: 'GET', path: '/api/v2/spaces', query: { keys: 'DEV' } });
    const spaceId = spaces.body.results[0]?.id as string;
    await c.request({ method: 'GET', path: `/api/v2/spaces/${spaceId}` });
    await c.request({ method: 'GET', path: `/api/v2/spaces/${spaceId}/pages` });
    await c.request({ method: 'GET', path: '/api/v2/pages/123456', query: { 'body-format': 'storage' } });
    const page = await c.request<{ id: string; version: { number: number } }>({ method: 'POST', path: '/api/v2/pages', body: { spaceId, status: 'current', title: 'Feature 001: X - Technical Plan', parentId: '123456', body: { representation: 'storage', value: '<p>Plan</p>' } } });
    await c.request({ method: 'GET', path: '/api/v2/pages', query: { title: 'Feature 001: X - Technical Plan', 'space-id': spaceId } });
    await c.request({ method: 'PUT', path: `/api/v2/pages/${page.body.id}`, body: { id: page.body.id, status: 'current', title: 'Feature 001: X - Technical Plan', body: { representation: 'storage', value: '<p>v2</p>' }, version: { number: 2, message: 'spec sync' } } });
    expect(await attempt(c.request({ method: 'POST', path: '/api/v2/pages', body: { spaceId, status: 'current', title: 'Feature 001: X - Technical Plan', body: { representation: 'storage', value: '<p>dup</p>' } } }))).toBe('conflict');
    expect(await attempt(c.request({ method: 'POST', path: '/api/v2/pages', body: { spaceId: '1', status: 'current', title: 'Nowhere', body: { representation: 'storage', value: '' } } }))).toBe('not-found');
    expect(await attempt(c.request({ method: 'PUT', path: `/api/v2/pages/${page.body.id}`, body: { id: page.body.id, status: 'current', title: 'T', body: { representation: 'storage', value: '' }, version: { number: 2 } } }))).toBe('conflict');
  });

  it('Linear operations and error answers', async () => {
    const l = t('linear');
    await l.graphql('query { viewer { id name email } }');
    const team = await l.graphql<{ teams: { nodes: Array<{ id: string }> } }>('query T($key: String!) { teams(filter: { key: { eq: $key } }) { nodes { id key name } } }', { key: 'ENG' });
    const teamId = team.teams.nodes[0]?.id as string;
    await l.graphql('query T($id: String!) { team(id: $id) { id key name states { nodes { id name type } } } }', { id: teamId });
    const label = await l.graphql<{ issueLabelCreate: { issueLabel: { id: string } } }>('mutation L($input: IssueLabelCreateInput!) { issueLabelCreate(input: $input) { success issueLabel { id name } } }', { input: { name: 'spec-001-x', teamId } });
    const labelId = label.issueLabelCreate.issueLabel.id;
    const created = await l.graphql<{ issueCreate: { issue: { id: string } } }>('mutation C($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url title labels { nodes { id name } } } } }', { input: { teamId, title: 'Feature', description: '# md', labelIds: [labelId] } });
    await l.graphql('mutation U($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success issue { id title updatedAt } } }', { id: created.issueCreate.issue.id, input: { title: 'Feature 2' } });
    await l.graphql('mutation B($input: IssueBatchCreateInput!) { issueBatchCreate(input: $input) { success issues { id identifier } } }', { input: { issues: [{ teamId, title: 'T001' }, { teamId, title: 'T002', labelIds: [labelId] }] } });
    await l.graphql('query I($filter: IssueFilter) { issues(filter: $filter, first: 10) { nodes { id identifier title } pageInfo { hasNextPage endCursor } } }', { filter: { labels: { some: { name: { eq: 'spec-001-x' } } }, team: { id: { eq: teamId } } } });
    await l.graphql('query I($id: String!) { issue(id: $id) { id identifier title description priority url team { key } } }', { id: created.issueCreate.issue.id });
    await l.graphql('query { issueLabels(filter: { name: { eq: "spec-001-x" } }) { nodes { id name } } }');
    expect(await attempt(l.graphql('query { team(id: "nope") { id } }'))).toBe('not-found');
    await sb.setFault('linear', 'permission');
    expect(await attempt(l.graphql('mutation C($input: IssueCreateInput!) { issueCreate(input: $input) { success } }', { input: { teamId, title: 'x' } }))).toBe('permission');
    await sb.clearFault('linear');
    await sb.setFault('linear', { fault: 'rate-limit', retryAfter: 5 });
    expect(await attempt(l.graphql('query { viewer { id } }'))).toBe('rate-limit');
    await sb.clearFault('linear');
  });

  it('GitHub operations and error answers', async () => {
    const g = t('github');
    const repo = '/repos/sandbox-org/sandbox-repo';
    await g.request({ method: 'GET', path: '/user' });
    await g.request({ method: 'GET', path: repo });
    await g.request({ method: 'GET', path: '/rate_limit' });
    await g.request({ method: 'GET', path: `${repo}/labels` });
    await g.request({ method: 'POST', path: `${repo}/labels`, body: { name: 'spec-001-x', color: 'ededed', description: 'spec feature 001' } });
    expect(await attempt(g.request({ method: 'POST', path: `${repo}/labels`, body: { name: 'spec-001-x' } }))).toBe('conflict');
    await g.request({ method: 'POST', path: `${repo}/milestones`, body: { title: '001: X' } });
    await g.request({ method: 'GET', path: `${repo}/milestones`, query: { state: 'all' } });
    const issue = await g.request<{ number: number }>({ method: 'POST', path: `${repo}/issues`, body: { title: 'T001: Do it', body: 'text', labels: ['spec-001-x'], milestone: 1 } });
    await g.request({ method: 'GET', path: `${repo}/issues`, query: { labels: 'spec-001-x', state: 'all', per_page: 100 } });
    await g.request({ method: 'GET', path: `${repo}/issues/${issue.body.number}` });
    await g.request({ method: 'PATCH', path: `${repo}/issues/${issue.body.number}`, body: { state: 'closed', state_reason: 'completed' } });
    await g.request({ method: 'PATCH', path: `${repo}/issues/${issue.body.number}`, body: { state: 'open' } });
    contract.allow((v) => v.where === 'request' && v.exchange.startsWith('github POST') && v.problem.includes("'title'"));
    expect(await attempt(g.request({ method: 'POST', path: `${repo}/issues`, body: { body: 'no title' } }))).toBe('validation');
    expect(await attempt(g.request({ method: 'GET', path: '/repos/sandbox-org/other' }))).toBe('not-found');
    for (const [fault, kind] of [['issues-disabled', 'invalid-config'], ['permission', 'permission'], ['rate-limit', 'rate-limit']] as Array<[FaultName, string]>) {
      await sb.setFault('github', fault);
      expect(await attempt(g.request({ method: 'POST', path: `${repo}/issues`, body: { title: 'x' } }))).toBe(kind);
      await sb.clearFault('github');
    }
  });

  it('auth failures and server errors in every vendor shape', async () => {
    const services: ServiceName[] = ['jira', 'confluence', 'linear', 'github'];
    const probe: Record<ServiceName, (x: Transport) => Promise<unknown>> = {
      jira: (x) => x.request({ method: 'GET', path: '/rest/api/3/myself' }),
      confluence: (x) => x.request({ method: 'GET', path: '/api/v2/spaces', query: { keys: 'DEV' } }),
      linear: (x) => x.graphql('query { viewer { id } }'),
      github: (x) => x.request({ method: 'GET', path: '/user' }),
    };
    for (const s of services) {
      for (const [fault, kind] of [['auth', 'auth'], ['server-error', 'server']] as Array<[FaultName, string]>) {
        await sb.setFault(s, fault);
        expect(await attempt(probe[s](t(s)))).toBe(kind);
        await sb.clearFault(s);
      }
    }
  });

  it('has zero contract violations', async () => {
    await contract.assertClean();
    expect(contract.checked).toBeGreaterThan(50);
  });
});

describe.skipIf(!oraclesAvailable)('the contract checker itself', () => {
  it('catches a misspelt bulk key, a bad body and an undeclared status', async () => {
    const r = new ContractRecorder();
    const base = { query: '', requestHeaders: {}, responseHeaders: {} };
    const bulk = await r.check({ ...base, service: 'jira', method: 'POST', path: '/rest/api/3/issue/bulk', requestBody: '{"issues":[]}', status: 400, responseBody: '{"issues":[],"errors":[]}' });
    expect(bulk.map((v) => v.problem).join()).toContain('issueUpdates');
    const gh = await r.check({ ...base, service: 'github', method: 'POST', path: '/repos/o/r/issues', requestBody: '{"title":"x","labels":"not-an-array"}', status: 201, responseBody: '{"id":"x"}' });
    expect(gh.some((v) => v.where === 'request')).toBe(true);
    expect(gh.some((v) => v.where === 'response')).toBe(true);
    const status = await r.check({ ...base, service: 'jira', method: 'GET', path: '/rest/api/3/myself', requestBody: '', status: 418, responseBody: '' });
    expect(status[0]?.problem).toContain('not declared');
    const lin = await r.check({ ...base, service: 'linear', method: 'POST', path: '/graphql', requestBody: JSON.stringify({ query: 'query { viewer { idx } }' }), status: 200, responseBody: '{"data":{"viewer":{}}}' });
    expect(lin[0]?.problem).toContain('idx');
    const linData = await r.check({ ...base, service: 'linear', method: 'POST', path: '/graphql', requestBody: JSON.stringify({ query: 'query { viewer { id name } }' }), status: 200, responseBody: '{"data":{"viewer":{"id":"1"}}}' });
    expect(linData[0]?.problem).toContain('viewer.name');
  });
});
