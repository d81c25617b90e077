// A server, proxy or gateway that echoes the credential back: nothing of it may reach the terminal,
// the error log, sync-pending.json or current-session.md, whatever the email's length.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileServer } from '../helpers/hostile-server.js';
import { makeProject } from '../helpers/project.js';

const TOKEN = 'ATATT3xFfGF0-secret-token-4711';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('a server echoing the credential', () => {
  it.each(['abc@example.com', 'me@example.com', 'ab@example.com'])('leaks nothing for %s', async (email) => {
    const server = await hostileServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const b64 = auth.replace(/^Basic /, '');
      res.writeHead(400, { 'content-type': 'application/json' });
      // Echoed without the scheme, inside a longer base64 blob, and decoded in the clear.
      const blob = Buffer.from(`session=${Buffer.from(b64, 'base64').toString()};`).toString('base64');
      res.end(JSON.stringify({ errorMessages: [`rejected credential ${b64} (${blob}) for ${Buffer.from(b64, 'base64').toString()}`] }));
    });
    const p = await makeProject({
      claudeMd: `SPEC_ATLASSIAN_SYNC=enabled\nSPEC_ATLASSIAN_URL=${server.url}\nSPEC_ATLASSIAN_EMAIL=${email}\nSPEC_JIRA_PROJECT_KEY=PROJ\n`,
      env: { SPEC_ATLASSIAN_API_TOKEN: TOKEN, SPEC_HTTP_TIMEOUT_SECONDS: '5' },
    });
    p.write('features/001-x/spec.md', '# X\n\n## User Stories\n\n- US1: do it\n');
    const r = await p.spec(['sync', '--feature=1']);
    expect(server.requests.length).toBeGreaterThan(0);
    const b64 = Buffer.from(`${email}:${TOKEN}`).toString('base64');
    const files = allFiles(p.root).filter((f) => !f.includes('/.git/'));
    const texts = [r.stdout, r.stderr, ...files.map((f) => readFileSync(f, 'utf8'))];
    for (const text of texts) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(b64.slice(8, 30));
    }
    expect(readFileSync(join(p.root, '.spec-state/integration-errors.log'), 'utf8')).toMatch(/JIRA/);
  });
});
