// Hostile servers over loopback: a captive portal's HTML 200, truncated JSON, a huge body, a hang.
// Each is a clear ✗ line, logged and pending; never "created (undefined)"; bounded in time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileServer } from '../helpers/hostile-server.js';
import { makeProject } from '../helpers/project.js';

async function jiraProject(url: string, features = 1) {
  const p = await makeProject({
    claudeMd: `SPEC_ATLASSIAN_SYNC=enabled\nSPEC_ATLASSIAN_URL=${url}\nSPEC_ATLASSIAN_EMAIL=me@example.com\nSPEC_JIRA_PROJECT_KEY=PROJ\n`,
    env: { SPEC_ATLASSIAN_API_TOKEN: 'tok-hostile-123456', SPEC_HTTP_TIMEOUT_SECONDS: '2' },
  });
  for (let i = 1; i <= features; i++) p.write(`features/00${i}-x${i}/spec.md`, `# X${i}\n\n## User Stories\n\n- US1: do it\n`);
  return p;
}
const pending = (root: string) => (existsSync(join(root, '.spec-state/sync-pending.json')) ? readFileSync(join(root, '.spec-state/sync-pending.json'), 'utf8') : '');

describe('hostile servers', () => {
  it.each([
    ['an HTML captive portal', (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Log in to the Wi-Fi</body></html>')],
    ['truncated JSON', (res: import('node:http').ServerResponse) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"10001","ke')],
    ['JSON without a key', (res: import('node:http').ServerResponse) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"10001"}')],
  ])('%s on a 2xx is a failure, never "created (undefined)"', async (_name, answer) => {
    const server = await hostileServer((_req, res) => answer(res));
    const p = await jiraProject(server.url);
    const r = await p.spec(['sync', '--feature=1']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/undefined/);
    expect(p.read('features/001-x1/spec.md')).not.toContain('jira_url');
    expect(pending(p.root)).toContain('001-x1');
  });

  it('a body larger than 10 MB is a failure in bounded memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 2048 && res.write(chunk)) sent++;
        if (sent < 2048) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const p = await jiraProject(server.url);
    const r = await p.spec(['sync', '--feature=1'], {
      env: { NODE_OPTIONS: `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('RSS_MB='+Math.round(process.resourceUsage().maxRSS/1024)+'\\n'))` },
    });
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/larger than 10 MB/);
    expect(Number(/RSS_MB=(\d+)/.exec(r.stderr)?.[1])).toBeLessThan(400);
    expect(pending(p.root)).toContain('001-x1');
  }, 60_000);

  it('a hung tracker costs two timeouts, not one per feature', async () => {
    const server = await hostileServer(() => {}); // never answers
    const p = await jiraProject(server.url, 5);
    const started = Date.now();
    const r = await p.spec(['sync', '--all-features']);
    expect(r.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(25_000);
    // Two attempts, then the rest deferred without a request (the report prints them as "not attempted").
    expect(r.stdout.match(/not attempted → spec sync --pending/g)?.length).toBe(3);
    expect(server.requests.length).toBeLessThanOrEqual(4);
    for (let i = 1; i <= 5; i++) expect(pending(p.root)).toContain(`00${i}-x${i}`);
  }, 60_000);

  it('a damaged sync-journal.json is reported and moved aside, not taken as empty', async () => {
    const server = await hostileServer((_req, res) => res.writeHead(500).end('{}'));
    const p = await jiraProject(server.url);
    p.write('.spec-state/sync-journal.json', '{"version":1,"items":{"001-x1:jira:story":{"remote');
    const r = await p.spec(['sync', '--feature=1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('.spec-state/sync-journal.json is damaged');
    expect(server.requests.length).toBe(0);
    expect(existsSync(join(p.root, '.spec-state/sync-journal.json'))).toBe(false);
  });
});
