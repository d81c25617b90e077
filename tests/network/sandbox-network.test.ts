// The sandbox models the network inside companies: the API gateway for scoped tokens, the site's 401 to
// such a token, /_edge/tenant_info, redirect faults, and writes whose answer is lost after the commit.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS as C } from '../../scripts/src/sandbox/credentials.js';
import { FAULTS } from '../../scripts/src/sandbox/faults.js';
import { BUNDLE } from '../helpers/project.js';
import { startProxy } from '../helpers/proxy.js';
import { useSandbox } from '../helpers/sandbox.js';
import { execa } from 'execa';

const basic = (token: string) => `Basic ${Buffer.from(`${C.atlassianEmail}:${token}`).toString('base64')}`;
const CLASSIC = basic(C.atlassianToken);
const SCOPED = basic(C.atlassianScopedToken);
const issue = (summary: string) => ({ fields: { project: { key: 'PROJ' }, issuetype: { name: 'Story' }, summary } });

describe('sandbox: the Atlassian API gateway', () => {
  it('serves JIRA and Confluence under /ex/<product>/<cloudId> to a scoped token, with gateway self links', async () => {
    const s = await useSandbox();
    const gw = `${s.urls.gateway}/ex/jira/${C.atlassianCloudId}`;
    const me = await fetch(`${gw}/rest/api/3/myself`, { headers: { Authorization: SCOPED } });
    expect(me.status).toBe(200);
    const created = await fetch(`${gw}/rest/api/3/issue`, { method: 'POST', headers: { Authorization: SCOPED, 'Content-Type': 'application/json' }, body: JSON.stringify(issue('via gateway')) });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { self: string }).self.startsWith(`${gw}/rest/api/3/issue/`)).toBe(true);
    const spaces = await fetch(`${s.urls.gateway}/ex/confluence/${C.atlassianCloudId}/wiki/api/v2/spaces?keys=DEV`, { headers: { Authorization: SCOPED } });
    expect(((await spaces.json()) as { results: unknown[] }).results).toHaveLength(1);
    // An unknown cloud id and bad credentials get the gateway's envelope.
    expect((await fetch(`${s.urls.gateway}/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/3/myself`, { headers: { Authorization: SCOPED } })).status).toBe(404);
    const bad = await fetch(`${gw}/rest/api/3/myself`, { headers: { Authorization: basic('wrong-token') } });
    expect([bad.status, await bad.json()]).toEqual([401, { code: 401, message: 'Unauthorized' }]);
  });

  it('answers a scoped token on the site URL with the gateway-style 401, and tells the cloud id without credentials', async () => {
    const s = await useSandbox();
    const r = await fetch(`${s.urls.atlassian}/rest/api/3/myself`, { headers: { Authorization: SCOPED } });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(await r.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    expect((await fetch(`${s.urls.atlassian}/rest/api/3/myself`, { headers: { Authorization: CLASSIC } })).status).toBe(200);
    const t = await fetch(`${s.urls.atlassian}/_edge/tenant_info`);
    expect(await t.json()).toEqual({ cloudId: C.atlassianCloudId });
  });

  it('prints gateway settings in gateway mode', async () => {
    const s = await useSandbox({ gateway: true });
    const { claudeMd, env } = s.config();
    expect(claudeMd.SPEC_ATLASSIAN_CLOUD_ID).toBe(C.atlassianCloudId);
    expect(claudeMd.SPEC_ATLASSIAN_API_GATEWAY).toBe(s.urls.gateway);
    expect(env.SPEC_ATLASSIAN_API_TOKEN).toBe(C.atlassianScopedToken);
  });
});

describe('sandbox: redirect faults', () => {
  const get = (url: string, method = 'GET') => fetch(url, { method, headers: { Authorization: CLASSIC, 'Content-Type': 'application/json' }, redirect: 'manual', ...(method === 'GET' ? {} : { body: JSON.stringify(issue('r')) }) });

  it('answers each redirect fault with its status and Location; the same-origin target serves normally', async () => {
    const s = await useSandbox();
    const url = `${s.urls.jira}/rest/api/3/myself`;
    const cases: Array<[string, number, string | null]> = [
      ['redirect-same-origin', 302, `${s.urls.jira}/_moved/rest/api/3/myself`],
      ['redirect-cross-origin', 301, `${s.urls.admin}/landing/rest/api/3/myself`],
      ['redirect-https', 301, `${s.urls.jira.replace('http:', 'https:')}/rest/api/3/myself`],
      ['redirect-loop', 302, url],
      ['redirect-no-location', 302, null],
      ['redirect-relative', 302, '/_moved/rest/api/3/myself'],
    ];
    for (const [fault, status, location] of cases) {
      await s.setFault('jira', { fault: fault as (typeof FAULTS)[number], times: 1 });
      const r = await get(url);
      expect([fault, r.status, r.headers.get('location')]).toEqual([fault, status, location]);
    }
    expect((await get(`${s.urls.jira}/_moved/rest/api/3/myself`)).status).toBe(200);
  });

  it('redirect-post moves only writes; the landing page records what followed a cross-origin hop', async () => {
    const s = await useSandbox();
    await s.setFault('jira', 'redirect-post');
    expect((await get(`${s.urls.jira}/rest/api/3/myself`)).status).toBe(200);
    const r = await get(`${s.urls.jira}/rest/api/3/issue`, 'POST');
    expect([r.status, r.headers.get('location')]).toEqual([301, `${s.urls.jira}/_moved/rest/api/3/issue`]);
    expect(s.jira.issues.size).toBe(1); // only the epic: nothing was created
    const landed = await fetch(`${s.urls.admin}/landing/rest/api/3/myself`);
    expect(landed.status).toBe(401);
    expect(s.landings.map((l) => [l.method, l.path, l.headers.authorization])).toEqual([['GET', '/rest/api/3/myself', undefined]]);
  });
});

describe('sandbox: answers lost after the commit', () => {
  it('reset-after-commit creates the item, then drops the connection; reads are untouched', async () => {
    const s = await useSandbox();
    await s.setFault('jira', { fault: 'reset-after-commit', times: 1 });
    expect((await fetch(`${s.urls.jira}/rest/api/3/myself`, { headers: { Authorization: CLASSIC } })).status).toBe(200);
    const err = await fetch(`${s.urls.jira}/rest/api/3/issue`, { method: 'POST', headers: { Authorization: CLASSIC, 'Content-Type': 'application/json' }, body: JSON.stringify(issue('lost answer')) }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect([...s.jira.issues.values()].map((i) => i.fields.summary)).toContain('lost answer');
    expect(s.faults.list()).toEqual({}); // used up
  });

  it('hang-after-commit creates the item and never answers; Linear counts only mutations as writes', async () => {
    const s = await useSandbox();
    await s.setFault('jira', { fault: 'hang-after-commit', times: 1 });
    const signal = AbortSignal.timeout(300);
    const err = await fetch(`${s.urls.jira}/rest/api/3/issue`, { method: 'POST', signal, headers: { Authorization: CLASSIC, 'Content-Type': 'application/json' }, body: JSON.stringify(issue('hung answer')) }).catch((e: Error) => e);
    expect((err as Error).name).toMatch(/TimeoutError|AbortError/);
    expect([...s.jira.issues.values()].map((i) => i.fields.summary)).toContain('hung answer');

    await s.setFault('linear', { fault: 'reset-after-commit', times: 1 });
    const q = await fetch(s.urls.linear, { method: 'POST', headers: { Authorization: C.linearApiKey, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'query { viewer { id } }' }) });
    expect(q.status).toBe(200);
    expect(s.faults.list().linear).toHaveLength(1);
  });
});

describe('the test proxy', () => {
  it('forwards absolute-form requests and CONNECT tunnels, counting each, and asks for auth when told', async () => {
    const s = await useSandbox();
    const proxy = await startProxy({ auth: 'u:p' });
    const target = new URL(s.urls.github);
    const send = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port: proxy.port, method: 'GET', path: `${s.urls.github}/rate_limit`, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        r.on('error', reject);
        r.end();
      });
    expect(await send({})).toBe(407);
    expect(await send({ 'Proxy-Authorization': `Basic ${Buffer.from('u:p').toString('base64')}` })).not.toBe(407);
    const tunnel = await new Promise<number>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port: proxy.port, method: 'CONNECT', path: target.host, headers: { 'Proxy-Authorization': `Basic ${Buffer.from('u:p').toString('base64')}` } });
      r.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end();
    });
    expect(tunnel).toBe(200);
    expect([proxy.requests(), proxy.connects(), proxy.forwarded()]).toEqual([2, 1, 2]);
  });
});

describe('spec sandbox --help', () => {
  it('documents every fault and the gateway mode', async () => {
    const r = await execa('node', [BUNDLE, 'sandbox', '--help']);
    for (const f of FAULTS) expect(r.stdout).toMatch(new RegExp(`^  ${f} `, 'm'));
    expect(r.stdout).toContain('--gateway');
    expect(r.stdout).toContain('/ex/confluence/<cloudId>/wiki');
  });
});

describe('spec sandbox with a proxy variable set', () => {
  it('reminds to add 127.0.0.1 to NO_PROXY, unless NO_PROXY already names it', async () => {
    const { loopbackProxyNote } = await import('../../scripts/src/commands/sandbox/index.js');
    expect(loopbackProxyNote({ https_proxy: 'http://p:1', NO_PROXY: 'localhost, 127.0.0.1' })).toBeUndefined();
    expect(loopbackProxyNote({ HTTP_PROXY: 'http://p:1', no_proxy: '*' })).toBeUndefined();
    expect(loopbackProxyNote({})).toBeUndefined();
    const child = execa('node', [BUNDLE, 'sandbox', '--port=0'], { env: { HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost' }, reject: false });
    let err = '';
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('NO_PROXY')) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGINT');
    await child;
    expect(err).toContain('Warning: HTTPS_PROXY is set: add 127.0.0.1 to NO_PROXY');
  });
});

describe('sandbox: TLS mode', () => {
  it('answers https with a certificate from a private CA; an https target through a proxy gets CONNECT', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { REPO } = await import('../helpers/project.js');
    const dir = join(REPO, 'tests', 'fixtures', 'tls');
    const s = await useSandbox({ tls: { cert: readFileSync(join(dir, 'server.pem'), 'utf8'), key: readFileSync(join(dir, 'server.key'), 'utf8') } });
    expect(s.urls.atlassian).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const err = (await fetch(`${s.urls.atlassian}/_edge/tenant_info`).catch((e: Error) => e)) as Error & { cause?: { code?: string } };
    expect(err.cause?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE'); // not trusted without NODE_EXTRA_CA_CERTS
    const { proxyFetch } = await import('../../scripts/src/net/proxy.js');
    const { readProxyEnv } = await import('../../scripts/src/config/proxy-env.js');
    const proxy = await startProxy();
    const via = await proxyFetch(readProxyEnv({ HTTPS_PROXY: proxy.url }));
    const tunnelled = (await via(`${s.urls.atlassian}/_edge/tenant_info`).catch((e: Error) => e)) as Error & { cause?: { code?: string } };
    expect(tunnelled.cause?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(proxy.seen.map((x) => [x.method, x.target])).toEqual([['CONNECT', new URL(s.urls.atlassian).host]]);
  });
});
