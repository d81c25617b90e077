// The second half of `npm run demo`: the same project mirrored to the sandbox trackers, one injected
// failure, its warning and recovery. Everything goes through the real helper and real HTTP on loopback.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Starts `spec sandbox --port=0` and reads what it prints: CLAUDE.md lines, exports and the admin URL. */
function startSandbox(bundle, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'sandbox', '--port=0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${text}`)), 15_000);
    child.stdout.on('data', (d) => {
      text += d;
      if (!text.includes('spec test-integration')) return;
      clearTimeout(timer);
      const claudeMd = text.split('\n').filter((l) => /^SPEC_[A-Z0-9_]+=/.test(l));
      const exports = Object.fromEntries(
        text.split('\n').flatMap((l) => {
          const m = /^export (SPEC_[A-Z0-9_]+)=(.*)$/.exec(l.trim());
          return m ? [[m[1], m[2]]] : [];
        }),
      );
      const admin = /(http:\/\/127\.0\.0\.1:\d+\/faults)/.exec(text)?.[1];
      resolve({ child, text, claudeMd, exports, admin });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${text}`)));
  });
}

async function fault(admin, body, method = 'POST') {
  const url = method === 'DELETE' ? `${admin}?service=${body.service}` : admin;
  const r = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) });
  if (!r.ok) throw new Error(`admin ${method} ${url}: ${r.status}`);
}

export default async function demoSync({ spec, heading, expect, project, env, bundle, setSandbox }) {
  heading('6. Trackers: start the sandbox (spec sandbox)');
  const sb = await startSandbox(bundle, env);
  setSandbox(sb.child);
  process.stdout.write(sb.text.replace(/\n+$/, '\n'));
  appendFileSync(join(project, 'CLAUDE.md'), `\n## Spec integrations (sandbox)\n${sb.claudeMd.join('\n')}\n`);
  Object.assign(env, sb.exports); // as the user's `export` lines would
  console.log('(the SPEC_* lines were added to CLAUDE.md; the tokens are in the environment)');

  heading('7. Check the configuration and the connections');
  expect(spec(['validate', '--config']).status === 0, 'config validates');
  expect(spec(['test-integration', '--all']).status === 0, 'all four integrations ready');

  heading('8. Mirror the feature (/spec:sync --feature=001)');
  expect(spec(['sync', '--feature=001']).status === 0, 'first sync succeeds');
  spec(['sync', '--feature=001', '--dry-run']);
  const specText = readFileSync(join(project, 'features/001-user-authentication/spec.md'), 'utf8');
  console.log('spec.md frontmatter now links the remote items:');
  console.log(specText.slice(0, specText.indexOf('\n---', 4) + 4));

  heading('9. JIRA fails: the workflow goes on locally');
  await fault(sb.admin, { service: 'jira', fault: 'auth' });
  console.log('(sandbox: JIRA now rejects the credentials; spec.md gains an acceptance criterion)');
  const specFile = join(project, 'features/001-user-authentication/spec.md');
  writeFileSync(specFile, readFileSync(specFile, 'utf8').replace('- AC1.2 ', '- AC1.3 Given five wrong passwords in a row, when I sign in, then I must wait a minute\n- AC1.2 '));
  const failed = spec(['sync', '--feature=001']);
  expect(failed.status === 1, 'sync reports the failed integration with exit 1');
  spec(['status']);
  console.log('$ tail -n 2 .spec-state/integration-errors.log');
  console.log(readFileSync(join(project, '.spec-state/integration-errors.log'), 'utf8').trim().split('\n').slice(-2).join('\n'));

  heading('10. Fix the credentials, retry what failed (spec sync --pending)');
  await fault(sb.admin, { service: 'jira' }, 'DELETE');
  console.log('(sandbox: JIRA accepts the credentials again)');
  expect(spec(['sync', '--pending']).status === 0, 'pending retry succeeds');
  spec(['audit', '--missing-integrations']);
  spec(['status']);
}
