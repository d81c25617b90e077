// Which requests go through a proxy (curl's NO_PROXY rules, as undici applies them) and the proxy-aware
// fetch against a real proxy on loopback.
import { describe, expect, it } from 'vitest';
import { readProxyEnv } from '../../scripts/src/config/proxy-env.js';
import { bypassesProxy, proxyFetch, proxyFor } from '../../scripts/src/net/proxy.js';
import { startProxy } from '../helpers/proxy.js';
import { useSandbox } from '../helpers/sandbox.js';

describe('NO_PROXY', () => {
  it.each([
    ['https://jira.corp.example/x', '.corp.example', true],
    ['https://corp.example/x', '.corp.example', true],
    ['https://jira.corp.example/x', 'corp.example', true],
    ['https://notcorp.example/x', 'corp.example', false],
    ['https://jira.corp.example/x', 'jira.corp.example:8443', false],
    ['https://jira.corp.example:8443/x', 'jira.corp.example:8443', true],
    ['http://127.0.0.1:4700/x', 'localhost', false],
    ['http://127.0.0.1:4700/x', 'localhost, 127.0.0.1', true],
    ['http://anything/x', '*', true],
    ['http://anything/x', '', false],
    ['http://[::1]:80/x', '[::1]', true],
  ])('%s with NO_PROXY=%s bypasses: %s', (url, noProxy, bypass) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(bypass);
  });

  it('picks the proxy by scheme, hides its password, and loopback is proxied unless named', () => {
    const env = readProxyEnv({ HTTPS_PROXY: 'http://u:pw@secure:3128', HTTP_PROXY: 'http://plain:8080' });
    expect(proxyFor(new URL('https://acme.atlassian.net'), env)).toEqual({ url: 'http://u:pw@secure:3128', shown: 'http://u:[hidden]@secure:3128', from: 'HTTPS_PROXY' });
    expect(proxyFor(new URL('http://127.0.0.1:4700'), env)?.from).toBe('HTTP_PROXY');
    expect(proxyFor(new URL('http://127.0.0.1:4700'), readProxyEnv({ HTTP_PROXY: 'http://plain:8080', NO_PROXY: '127.0.0.1' }))).toBeUndefined();
  });
});

describe('proxyFetch', () => {
  it('sends through the proxy in absolute form, and not when NO_PROXY names the host', async () => {
    const s = await useSandbox();
    const proxy = await startProxy();
    const via = await proxyFetch(readProxyEnv({ HTTP_PROXY: proxy.url }));
    const r = await via(`${s.urls.atlassian}/_edge/tenant_info`);
    expect(r.status).toBe(200);
    expect(proxy.seen.map((x) => [x.method, x.target])).toEqual([['GET', `${s.urls.atlassian}/_edge/tenant_info`]]);
    const direct = await proxyFetch(readProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }));
    expect((await direct(`${s.urls.atlassian}/_edge/tenant_info`)).status).toBe(200);
    expect(proxy.seen).toHaveLength(1);
  });
});
