// Hostile settings: a password written into a URL, and numbers that make timers misfire.
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';

describe('validate --config refuses hostile settings', () => {
  it('refuses user:password@ in a URL and never prints the password', async () => {
    const p = await makeProject({
      claudeMd: 'SPEC_ATLASSIAN_SYNC=enabled\nSPEC_ATLASSIAN_URL=https://bob:hunter2-pass@acme.atlassian.net\nSPEC_ATLASSIAN_EMAIL=bob@acme.test\nSPEC_JIRA_PROJECT_KEY=PROJ\n',
      env: { SPEC_ATLASSIAN_API_TOKEN: 'tok-abcdef-123456' },
    });
    const r = await p.spec(['validate', '--config']);
    expect(r.code).not.toBe(0);
    const all = `${r.stdout}${r.stderr}`;
    expect(all).toMatch(/✗ SPEC_ATLASSIAN_URL: https:\/\/\[hidden\]@acme.atlassian.net \(invalid: expected a URL without user:password@/);
    expect(all).not.toContain('hunter2-pass');
    const json = await p.spec(['validate', '--config', '--json']);
    expect(json.stdout).not.toContain('hunter2-pass');
  });

  it('refuses a timeout or a wait beyond sane bounds, naming the range', async () => {
    const p = await makeProject({ claudeMd: 'SPEC_HTTP_TIMEOUT_SECONDS=99999999\nSPEC_RATE_LIMIT_MAX_WAIT_SECONDS=86400\n' });
    const r = await p.spec(['validate', '--config']);
    expect(r.code).not.toBe(0);
    const all = `${r.stdout}${r.stderr}`;
    expect(all).toMatch(/✗ SPEC_HTTP_TIMEOUT_SECONDS: 99999999 \(invalid: expected a number of seconds from 0.1 to 600\)/);
    expect(all).toMatch(/✗ SPEC_RATE_LIMIT_MAX_WAIT_SECONDS: 86400 \(invalid: expected a number of seconds from 0 to 3600\)/);
  });
});
