import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/src/config/load.js';
import { Output } from '../../scripts/src/core/output.js';
import { auditIntegrations, auditLines } from '../../scripts/src/sync/audit.js';
import type { AdapterFactory } from '../../scripts/src/trackers/contract.js';
import { runSync } from '../../scripts/src/sync/run.js';
import { listFeatures } from '../../scripts/src/workspace/features.js';
import { tempDir } from '../helpers/project.js';
import { fakeAdapter, newRemote } from './fake-adapter.js';
import { ALL_ON, writeFeature } from './fixture.js';

function context(root: string, flags: Record<string, string | boolean>, env: Record<string, string> = ALL_ON) {
  const text: string[] = [];
  const err: string[] = [];
  const out = new Output(flags.json === true, { write: (s: string) => text.push(s) }, { write: (s: string) => err.push(s) });
  return { ctx: { cwd: root, env, args: { positionals: [], flags }, out, readStdin: async () => '' }, text, err };
}

function project() {
  const root = tempDir();
  writeFileSync(join(root, 'CLAUDE.md'), '# project\n');
  writeFeature(root, 3, 'user-auth', { tasks: '# Tasks\n- [ ] T001 One\n' });
  writeFeature(root, 4, 'billing', { tasks: '# Tasks\n- [ ] T001 Two\n' });
  return root;
}

describe('runSync', () => {
  it('--dry-run prints every call and writes nothing', async () => {
    const root = project();
    const before = readFileSync(join(root, 'features/003-user-auth/spec.md'), 'utf8');
    const { ctx, text } = context(root, { 'all-features': true, 'dry-run': true });
    const remote = newRemote();
    const adapters = Object.fromEntries((['jira', 'confluence', 'linear', 'github'] as const).map((t) => [t, (() => fakeAdapter(t, remote)) as AdapterFactory]));
    const r = await runSync(ctx, { adapters });
    expect(r.code).toBe(0);
    const out = text.join('');
    expect(out).toContain('create 003: JIRA story (not linked)');
    expect(out).toContain('create 004: GitHub issue T001 (not linked)');
    expect(out).toContain('Plan: 8 create, 0 update, 0 adopt (look up first), 0 unchanged');
    expect(remote.calls).toEqual([]);
    expect(existsSync(join(root, '.spec-state/sync-journal.json'))).toBe(false);
    expect(readFileSync(join(root, 'features/003-user-auth/spec.md'), 'utf8')).toBe(before);
  });

  it('syncs the selected trackers, prints the summary and plain progress lines, and exits 1 on failure', async () => {
    const root = project();
    const remote = newRemote();
    const progress: string[] = [];
    const { ctx, text } = context(root, { feature: '3', only: 'jira,github' });
    const r = await runSync(ctx, { adapters: { jira: () => fakeAdapter('jira', remote), github: () => fakeAdapter('github', remote) }, progress: { write: (s: string) => progress.push(s), isTTY: false } });
    expect(r.code).toBe(0);
    expect(text.join('')).toContain('✓ 003: PROJ-100 created');
    expect(text.join('')).toContain('✓ 003: GitHub #100 created');
    expect(progress.join('')).toMatch(/\[2\/2\] 003: /);
    // --json: one object with results and counts.
    const j = context(root, { feature: '3', only: 'jira', json: true });
    await runSync(j.ctx, { adapters: { jira: () => fakeAdapter('jira', remote) } });
    j.ctx.out.flush();
    expect(JSON.parse(j.text.join(''))).toMatchObject({ summary: { unchanged: 1, created: 0 } });
    // A ready tracker without an adapter fails its items (exit 1) without stopping the others.
    const { ctx: c2, text: t2 } = context(root, { feature: '4', only: 'jira,linear' });
    const r2 = await runSync(c2, { adapters: { jira: () => fakeAdapter('jira', remote) }, progress: { write: () => true } });
    expect(r2.code).toBe(1);
    expect(t2.join('')).toMatch(/✓ 004: PROJ-\d+ created/);
    expect(t2.join('')).toContain('✗ 004: Linear not configured → spec sync --feature=004');
  });
});

describe('audit helpers', () => {
  it('lists features without links per enabled tracker and features changed since their last sync', async () => {
    const root = project();
    const remote = newRemote();
    const { ctx } = context(root, { feature: '3', only: 'jira' });
    await runSync(ctx, { adapters: { jira: () => fakeAdapter('jira', remote) } });
    const config = loadConfig(root, { SPEC_ATLASSIAN_SYNC: 'enabled', SPEC_JIRA_PROJECT_KEY: 'PROJ' });
    let a = auditIntegrations(root, config, listFeatures(root));
    expect(a.trackers).toEqual(['jira']);
    expect(a.missing.map((m) => m.featureId)).toEqual(['004']);
    expect(a.drift).toEqual([]);
    const file = join(root, 'features/003-user-auth/spec.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Users log in with a password.', 'Changed.'));
    a = auditIntegrations(root, config, listFeatures(root));
    expect(a.drift).toMatchObject([{ featureId: '003', reason: 'changed', items: ['story'] }]);
    expect(auditLines(a)).toEqual([
      '✗ 004: no JIRA link (story) → spec sync --feature=004 --only=jira',
      '✗ 003: JIRA changed since last sync (story) → spec sync --feature=003 --only=jira',
    ]);
  });
});
