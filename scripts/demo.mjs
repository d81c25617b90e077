#!/usr/bin/env node
// `npm run demo`: the whole local workflow in a temp project, as a user would see it —
// init, a new feature, its spec/plan/tasks, status, validation, progress — then sync against the
// built-in sandbox trackers, one injected failure, and its recovery.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'spec.mjs');
const example = join(here, '..', 'workflow', 'examples', 'user-authentication');
const project = mkdtempSync(join(tmpdir(), 'spec-demo-'));
const keep = process.argv.includes('--keep');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPEC_') && k !== 'GITHUB_TOKEN' && k !== 'GH_TOKEN'));
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function heading(text) {
  console.log(`\n${bold(`── ${text} ${'─'.repeat(Math.max(0, 70 - text.length))}`)}`);
}

function spec(args, extraEnv = {}) {
  console.log(bold(`$ spec ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`));
  // The helper writes straight to this terminal, so its progress (stderr) and results (stdout) interleave as a user sees them.
  const r = spawnSync(process.execPath, [bundle, ...args], { cwd: project, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`(exit ${r.status})`);
  return r;
}

// Every git command the demo runs is printed, as the user would type it: nothing is committed behind
// their back, so what follows is the real first five minutes in a fresh repository.
function git(...args) {
  console.log(bold(`$ git ${args.join(' ')}`));
  const r = spawnSync('git', args, { cwd: project, env, encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
  return r;
}

let sandbox;
function cleanup() {
  sandbox?.kill();
  if (!keep) rmSync(project, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

let failures = 0;
const expect = (cond, what) => {
  if (!cond) {
    failures++;
    console.log(`!! demo expectation failed: ${what}`);
  }
};

console.log(`spec demo in ${project}${keep ? ' (kept)' : ''}`);
heading('0. A fresh repository');
git('init', '-q');

heading('1. Initialize (/spec:init)');
expect(spec(['init']).status === 0, 'init succeeds');

heading('2. A new feature (/spec:generate "User Authentication")');
const created = spec(['new', 'User Authentication']);
expect(created.status === 0, 'new succeeds');
// init's changes are uncommitted: like `git switch -c`, new carries them onto the feature branch.
expect(git('branch', '--show-current').stdout.trim() === 'feature/001-user-authentication', 'new switched to the feature branch');
const dir = join(project, 'features', '001-user-authentication');
// The model writes the documents from the templates; the demo copies worked examples instead.
for (const f of ['spec.md', 'plan.md', 'tasks.md', 'openapi.yaml']) copyFileSync(join(example, f), join(dir, f));
console.log('(the model fills spec.md, plan.md, tasks.md and openapi.yaml from the templates)');

heading('3. Where are we? (/spec:status)');
spec(['status']);

heading('4. Validate (/spec:validate)');
expect(spec(['validate']).status === 0, 'artifacts validate');
spec(['validate', '--openapi']);

heading('5. Implement: tasks are checked off through the helper');
expect(spec(['task', 'done', 'T001']).status === 0, 'task done');
spec(['decision', 'Server-side sessions in PostgreSQL', '--feature=001', '--body=Simpler revocation than JWTs; one store we already run.']);
spec(['status']);

await import('./demo-sync.mjs')
  .then((m) => m.default({ spec, heading, expect, project, env, bundle, setSandbox: (s) => (sandbox = s) }))
  .catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') console.log('\n(sync demo not available in this build)');
    else throw error;
  });

heading('Done');
console.log(failures ? `✗ ${failures} demo expectation(s) failed` : '✓ Everything above ran locally; git holds the truth, trackers are mirrors.');
// The sandbox child keeps the event loop alive: stop it and leave.
process.exit(failures ? 1 : 0);
