// Settings for the network inside companies: the cloud id and gateway of scoped tokens, http:// base
// URLs, and the proxy variables, as loadConfig reads them and `validate --config` shows them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/src/config/load.js';
import { hideProxyPassword, readProxyEnv } from '../../scripts/src/config/proxy-env.js';
import { makeProject, tempDir } from '../helpers/project.js';

const CLOUD = '5f3c1a9e-2b7d-4e8a-9c61-0d4b7e2f8a13';
const ATLASSIAN = `# x
SPEC_ATLASSIAN_SYNC=enabled
SPEC_ATLASSIAN_URL=https://acme.atlassian.net
SPEC_ATLASSIAN_EMAIL=dev@acme.test
SPEC_JIRA_PROJECT_KEY=PROJ
SPEC_CONFLUENCE_SPACE=DEV
SPEC_CONFLUENCE_ROOT_PAGE_ID=123456
`;

function config(claudeMd: string, env: Record<string, string> = {}) {
  const root = tempDir();
  writeFileSync(join(root, 'CLAUDE.md'), claudeMd);
  return loadConfig(root, { SPEC_ATLASSIAN_API_TOKEN: 'tok-secret-1', ...env });
}

describe('SPEC_ATLASSIAN_CLOUD_ID and SPEC_ATLASSIAN_API_GATEWAY', () => {
  it('route API calls through the gateway while links keep the site', () => {
    const c = config(`${ATLASSIAN}SPEC_ATLASSIAN_CLOUD_ID=${CLOUD}\n`);
    expect(c.jira.apiUrl).toBe(`https://api.atlassian.com/ex/jira/${CLOUD}`);
    expect(c.confluence.apiUrl).toBe(`https://api.atlassian.com/ex/confluence/${CLOUD}/wiki`);
    expect([c.jira.url, c.confluence.url]).toEqual(['https://acme.atlassian.net', 'https://acme.atlassian.net/wiki']);
    const local = config(`${ATLASSIAN}SPEC_ATLASSIAN_CLOUD_ID=${CLOUD}\nSPEC_ATLASSIAN_API_GATEWAY=http://127.0.0.1:4704/\n`);
    expect(local.jira.apiUrl).toBe(`http://127.0.0.1:4704/ex/jira/${CLOUD}`);
    expect(local.issues).toEqual([]); // loopback http:// is fine
  });

  it('without a cloud id, the API is the site', () => {
    const c = config(ATLASSIAN);
    expect([c.jira.apiUrl, c.confluence.apiUrl]).toEqual(['https://acme.atlassian.net', 'https://acme.atlassian.net/wiki']);
  });

  it('refuses a cloud id that is not a UUID, naming the key and where to find it', () => {
    const c = config(`${ATLASSIAN}SPEC_ATLASSIAN_CLOUD_ID=acme.atlassian.net\n`);
    expect(c.issues.map((i) => i.message)).toContain('CLAUDE.md:8: SPEC_ATLASSIAN_CLOUD_ID="acme.atlassian.net" is not valid: expected the site\'s cloud id, a UUID (see <site>/_edge/tenant_info)');
    expect(c.jira.apiUrl).toBe('https://acme.atlassian.net'); // an invalid value is not used
  });
});

describe('http:// base URLs', () => {
  it('warn for a non-loopback host, naming the key', () => {
    const c = config(ATLASSIAN.replace('https://acme', 'http://acme') + 'SPEC_GITHUB_API_URL=http://ghe.corp.example/api/v3\nSPEC_LINEAR_URL=http://localhost:9/graphql\n');
    const warnings = c.issues.filter((i) => i.level === 'warning').map((i) => i.message);
    expect(warnings).toEqual([
      'CLAUDE.md:3: SPEC_ATLASSIAN_URL uses http://; use https:// (the server\'s redirect to https drops the credentials, and they travel in clear)',
      'CLAUDE.md:8: SPEC_GITHUB_API_URL uses http://; use https:// (the server\'s redirect to https drops the credentials, and they travel in clear)',
    ]);
  });
});

describe('proxy variables', () => {
  it('read like undici: lower-case first, https falls back to the http proxy, passwords hidden and redacted', () => {
    const p = readProxyEnv({ HTTP_PROXY: 'http://proxy.corp:8080', no_proxy: '.corp.example', NO_PROXY: 'ignored' });
    expect(p.https).toEqual({ url: 'http://proxy.corp:8080', from: 'HTTP_PROXY' });
    expect(p.noProxy).toBe('.corp.example');
    const q = readProxyEnv({ https_proxy: 'http://u:s3cr3t-pw@proxy:3128', HTTPS_PROXY: 'http://other:1' });
    expect(q.https?.from).toBe('https_proxy');
    expect(q.variables.map((v) => v.shown)).toContain('http://u:[hidden]@proxy:3128');
    expect(q.secrets).toContain('s3cr3t-pw');
    expect(hideProxyPassword('proxy:3128')).toBe('proxy:3128');
  });

  it('an unusable proxy URL is an error naming the variable, with the password hidden', () => {
    const c = config(ATLASSIAN, { HTTPS_PROXY: 'proxy.corp:8080', HTTP_PROXY: 'socks5://u:pw-secret@proxy:1080' });
    const errors = c.issues.filter((i) => i.level === 'error').map((i) => i.message);
    expect(errors).toEqual([
      'environment: HTTPS_PROXY=proxy.corp:8080 is not a URL: expected http://host:port (the scheme is required)',
      'environment: HTTP_PROXY=socks5://u:[hidden]@proxy:1080 uses socks5://, which is not supported: use an http:// or https:// proxy',
    ]);
    expect(c.proxy.https).toBeUndefined();
  });
});

describe('validate --config', () => {
  it('shows the cloud id route and the proxy variables; a bad proxy URL fails it; no password printed', async () => {
    const p = await makeProject({ claudeMd: `${ATLASSIAN}SPEC_ATLASSIAN_CLOUD_ID=${CLOUD}\n`, env: { SPEC_ATLASSIAN_API_TOKEN: 'tok-secret-1', HTTPS_PROXY: 'http://me:pr0xy-pass@proxy.corp:8080', NO_PROXY: 'localhost,.corp.example' } });
    const r = await p.spec(['validate', '--config']);
    expect(r.stdout).toContain(`✓ SPEC_ATLASSIAN_CLOUD_ID: ${CLOUD}`);
    expect(r.stdout).toContain(`→ API calls go to https://api.atlassian.com/ex/jira/${CLOUD} and https://api.atlassian.com/ex/confluence/${CLOUD}/wiki; links still use SPEC_ATLASSIAN_URL`);
    expect(r.stdout).toContain('✓ HTTPS_PROXY: http://[hidden]@proxy.corp:8080 (environment)');
    expect(r.stdout).toContain('✓ NO_PROXY: localhost,.corp.example (environment)');
    expect(r.stdout + r.stderr).not.toContain('pr0xy-pass');
    expect(r.code).toBe(0);

    const bad = await makeProject({ claudeMd: ATLASSIAN, env: { SPEC_ATLASSIAN_API_TOKEN: 'tok-secret-1', HTTPS_PROXY: 'http//proxy.corp:8080' } });
    const b = await bad.spec(['validate', '--config']);
    expect(b.stdout).toContain('✗ HTTPS_PROXY: http//proxy.corp:8080 (environment) (invalid: is not a URL: expected http://host:port (the scheme is required))');
    expect(b.stdout).toContain('- SPEC_ATLASSIAN_CLOUD_ID: not set');
    expect(b.code).toBe(1);
  });
});
