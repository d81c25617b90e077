// The transport on a company network, through the bundle: a real proxy on loopback carries every
// tracker's traffic, NO_PROXY bypasses it, proxy failures name the variable, redirects are not followed
// across origins (no credentials reach the other host), and a scoped token's 401 names SPEC_ATLASSIAN_CLOUD_ID.
import { describe, expect, it } from 'vitest';
import { startProxy } from '../helpers/proxy.js';
import { sandboxProject, useSandbox } from '../helpers/sandbox.js';

const ALL = ['jira', 'confluence', 'linear', 'github'] as const;

describe('proxies', () => {
  it('every tracker goes through HTTP_PROXY; NO_PROXY=127.0.0.1 bypasses it; SPEC_DEBUG names it without the password', async () => {
    const s = await useSandbox();
    const proxy = await startProxy({ auth: 'me:pr0xy-pass' });
    const url = proxy.url.replace('http://', 'http://me:pr0xy-pass@');
    const p = await sandboxProject(s, [...ALL], {}, { HTTP_PROXY: url, SPEC_DEBUG: '1' });
    const r = await p.spec(['test-integration', '--all']);
    expect(r.stdout).toContain('→ 4/4 integrations ready');
    const ports = new Set(proxy.seen.map((x) => new URL(x.target).port));
    for (const u of [s.urls.jira, s.urls.linear, s.urls.github]) expect(ports).toContain(new URL(u).port);
    expect(proxy.seen.some((x) => x.target.includes('/wiki/api/v2/'))).toBe(true);
    expect(r.stderr).toContain(`via proxy http://[hidden]@127.0.0.1:${proxy.port} (HTTP_PROXY)`);
    expect(r.stdout + r.stderr).not.toContain('pr0xy-pass');

    const before = proxy.seen.length;
    const q = await sandboxProject(s, [...ALL], {}, { HTTP_PROXY: url, NO_PROXY: 'localhost,127.0.0.1' });
    expect((await q.spec(['test-integration', '--all'])).stdout).toContain('→ 4/4 integrations ready');
    expect(proxy.seen.length).toBe(before);
  });

  it('a refused proxy, a 407 and an unparsable proxy URL each get one line naming the variable', async () => {
    const s = await useSandbox();
    const proxy = await startProxy({ auth: 'me:pw' });
    const refused = await sandboxProject(s, ['github'], {}, { HTTP_PROXY: 'http://127.0.0.1:1' });
    const a = await refused.spec(['test-integration', '--github']);
    expect(a.code).toBe(1);
    expect(a.stdout + a.stderr).toContain('Unable to reach the proxy http://127.0.0.1:1 (HTTP_PROXY, ECONNREFUSED)');
    const noAuth = await sandboxProject(s, ['github'], {}, { HTTP_PROXY: proxy.url });
    const b = await noAuth.spec(['test-integration', '--github']);
    expect(b.stdout + b.stderr).toContain(`asks for credentials (407): put user:password before the host in HTTP_PROXY`);
    const bad = await sandboxProject(s, ['github'], {}, { HTTP_PROXY: 'proxy.corp:8080' });
    const c = await bad.spec(['test-integration', '--github']);
    expect(c.code).toBe(1);
    expect(c.stdout + c.stderr).toContain('HTTP_PROXY=proxy.corp:8080 is not a URL');
    expect(bad.read('.spec-state/integration-errors.log')).toContain('GitHub');
  });
});

describe('redirects and scoped tokens', () => {
  it('a cross-origin redirect stops with the Location and the fix; nothing reaches the other host', async () => {
    const s = await useSandbox();
    await s.setFault('jira', 'redirect-cross-origin');
    const p = await sandboxProject(s, ['jira']);
    const r = await p.spec(['test-integration', '--jira']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`JIRA answered 301 → ${s.urls.admin}/landing/rest/api/3/myself: set SPEC_ATLASSIAN_URL to ${s.urls.admin}/landing`);
    expect(s.landings).toEqual([]);
  });

  it('a same-origin GET redirect is followed', async () => {
    const s = await useSandbox();
    await s.setFault('jira', 'redirect-same-origin');
    const p = await sandboxProject(s, ['jira']);
    expect((await p.spec(['test-integration', '--jira'])).code).toBe(0);
  });

  it('a scoped token on the site names SPEC_ATLASSIAN_CLOUD_ID; with it, calls go through the gateway', async () => {
    const s = await useSandbox({ gateway: true });
    const { SPEC_ATLASSIAN_CLOUD_ID, SPEC_ATLASSIAN_API_GATEWAY, ...siteOnly } = s.config().claudeMd;
    const p = await sandboxProject(s, ['jira'], {}, {});
    p.write('CLAUDE.md', `# x\n${Object.entries(siteOnly).filter(([k]) => /ATLASSIAN|JIRA/.test(k)).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    const r = await p.spec(['test-integration', '--jira']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('set SPEC_ATLASSIAN_CLOUD_ID');
    expect(r.stdout).toContain(`Cloud id ${SPEC_ATLASSIAN_CLOUD_ID}`);
    const g = await sandboxProject(s, ['jira', 'confluence']);
    const ok = await g.spec(['test-integration', '--jira', '--confluence']);
    expect(ok.stdout).toContain('→ 2/2 integrations ready');
    expect(SPEC_ATLASSIAN_API_GATEWAY).toBe(s.urls.gateway);
  });
});
