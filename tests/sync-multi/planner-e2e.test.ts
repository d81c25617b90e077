// The one planner end to end through the real `spec sync` against the sandbox: feature selection,
// --only, --dry-run (no call at all), --pending (exactly what failed), a rate limit in the middle of a
// batch (the rest after one wait, or a clean fall-back to --pending), and a kill in the middle of a batch.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useContract } from '../helpers/contract.js';
import { BUNDLE, cleanEnv } from '../helpers/project.js';
import { useSandbox } from '../helpers/sandbox.js';
import { addFeature, countWrites, sandboxProject } from './features.js';

const issuesOf = (text: string) => (parseYaml(text.split('---')[1] as string) as { github_issues?: Record<string, number> }).github_issues;

describe('spec sync, many features', () => {
  it('--features, --all-features and --only pick exactly the features and trackers asked for', async () => {
    const sb = await useSandbox({ clockScale: 20 });
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear', 'github']);
    for (let n = 3; n <= 6; n++) addFeature(p, n, `f${n}`, { tasks: 1 });
    const r = await p.spec(['sync', '--features=003,005', '--only=github']);
    expect(r.code).toBe(0);
    expect(sb.github.issues.map((i) => i.labels[1])).toEqual(['spec-003-f3', 'spec-005-f5']);
    expect(sb.linear.issues.size).toBe(0);
    const all = await p.spec(['sync', '--all-features']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('- 003: GitHub unchanged');
    expect(all.stdout).toContain('✓ 004: GitHub #3 created');
    expect(sb.github.issues).toHaveLength(4);
    expect(sb.linear.issues.size).toBe(4);
    const bad = await p.spec(['sync', '--all-features', '--only=gitlab']);
    expect(bad.code).toBe(2);
    await c?.assertClean();
  });

  it('--dry-run prints the plan for every tracker and sends no request at all', async () => {
    const sb = await useSandbox();
    const p = await sandboxProject(sb, ['jira', 'confluence', 'linear', 'github']);
    for (let n = 1; n <= 3; n++) addFeature(p, n, `dry-${n}`, { tasks: 2 });
    const seen: string[] = [];
    const off = sb.onExchange((e) => seen.push(`${e.service} ${e.method} ${e.path}`));
    const r = await p.spec(['sync', '--all-features', '--dry-run', '--batch']);
    off();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('create 002: GitHub issue T002 (not linked)');
    expect(r.stdout).toContain('create 003: Linear issue (not linked)');
    expect(r.stdout).toMatch(/Plan: 15 create, 0 update, 0 adopt \(look up first\), 0 unchanged/);
    expect(seen).toEqual([]);
    const json = await p.spec(['sync', '--features=1,2', '--dry-run', '--only=github', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, plan: expect.arrayContaining([expect.objectContaining({ action: 'create', tracker: 'github', item: 'T001' })]) });
    expect(seen).toEqual([]);
  });

  it('--pending retries exactly the items that failed, and status counts them', async () => {
    const sb = await useSandbox({ clockScale: 20 });
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    addFeature(p, 3, 'ok', { tasks: 1 });
    addFeature(p, 4, 'fails', { tasks: 2 });
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
    await sb.setFault('github', 'permission');
    const failed = await p.spec(['sync', '--feature=4']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('✗ 004: GitHub permission denied (T001, T002) → spec sync --feature=004');
    const status = await p.spec(['status', '--json']);
    expect(JSON.parse(status.stdout).pending).toBe(2);
    expect((await p.spec(['status'])).stdout).toContain('Pending sync: 2 item(s) failed last time → spec sync --pending');
    await sb.clearFault();
    // Feature 003 changed meanwhile, but it is not pending: --pending leaves it alone.
    p.write('features/003-ok/tasks.md', p.read('features/003-ok/tasks.md').replace('Step 1', 'Step one'));
    const retry = await countWrites(sb, () => p.spec(['sync', '--pending']));
    expect(retry.result.code).toBe(0);
    expect(retry.result.stdout).toContain('✓ 004: GitHub #2, #3 created');
    expect(retry.result.stdout).not.toContain('003');
    expect(retry.writes.filter((w) => w.includes('/issues'))).toEqual(['github POST /repos/sandbox-org/sandbox-repo/issues', 'github POST /repos/sandbox-org/sandbox-repo/issues']);
    expect(JSON.parse((await p.spec(['status', '--json'])).stdout).pending).toBe(0);
    c?.allow((v) => v.exchange.includes('→ 403'));
    await c?.assertClean();
  });

  it('one rate limit in the middle of a batch: the rest finishes after the one wait', async () => {
    const sb = await useSandbox({ clockScale: 20 });
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    for (let n = 1; n <= 3; n++) addFeature(p, n, `rl-${n}`, { tasks: 2 });
    let posts = 0;
    const statuses: number[] = [];
    const off = sb.onExchange((e) => {
      statuses.push(e.status);
      if (e.method === 'POST' && e.path.endsWith('/issues') && ++posts === 2) void sb.setFault('github', { fault: 'rate-limit', times: 1, retryAfter: 2 });
    });
    const r = await p.spec(['sync', '--all-features', '--batch']);
    off();
    expect(r.code).toBe(0);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(sb.github.issues).toHaveLength(6);
    expect(new Set(sb.github.issues.map((i) => i.title + i.labels[1])).size).toBe(6);
    await c?.assertClean();
  });

  it('a second rate limit falls back cleanly: the rest is pending, and --pending completes it later', async () => {
    const sb = await useSandbox({ clockScale: 20 });
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    for (let n = 1; n <= 3; n++) addFeature(p, n, `rl-${n}`, { tasks: 2 });
    let posts = 0;
    const off = sb.onExchange((e) => {
      if (e.method === 'POST' && e.path.endsWith('/issues') && ++posts === 2) void sb.setFault('github', { fault: 'rate-limit', times: 2, retryAfter: 1 });
    });
    const r = await p.spec(['sync', '--all-features', '--batch']);
    off();
    expect(r.code).toBe(1);
    expect(sb.github.issues).toHaveLength(2);
    expect(r.stdout).toMatch(/✗ 00\d: GitHub rate limited \(T00\d(, T00\d)*\), not attempted → spec sync --pending/);
    expect(p.read('.spec-state/integration-errors.log')).toMatch(/\| GitHub \| 429 Too Many Requests \| Rate limit; retry later or use --batch/);
    const pending = JSON.parse((await p.spec(['status', '--json'])).stdout).pending as number;
    expect(pending).toBe(4);
    const later = await p.spec(['sync', '--pending', '--batch']);
    expect(later.code).toBe(0);
    expect(sb.github.issues).toHaveLength(6);
    expect(new Set(sb.github.issues.map((i) => i.title + i.labels[1])).size).toBe(6);
    for (let n = 1; n <= 3; n++) expect(Object.keys(issuesOf(p.read(`features/00${n}-rl-${n}/tasks.md`)) ?? {})).toEqual(['T001', 'T002']);
    expect(JSON.parse((await p.spec(['status', '--json'])).stdout).pending).toBe(0);
    c?.allow((v) => v.exchange.includes('→ 429'));
    await c?.assertClean();
  });

  it('killed in the middle of a batch, a rerun leaves no duplicate and no lost link', async () => {
    const sb = await useSandbox(); // real-time clock: creates are paced 750 ms apart, so the kill lands mid-run
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    for (let n = 1; n <= 3; n++) addFeature(p, n, `kill-${n}`, { tasks: 2 });
    const child = spawn('node', [BUNDLE, 'sync', '--all-features', '--batch'], { cwd: p.root, env: cleanEnv(p.env), stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve) => {
      const off = sb.onExchange(() => {
        if (sb.github.issues.length >= 3) {
          off();
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;
    const before = sb.github.issues.length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(6);
    const r = await p.spec(['sync', '--all-features', '--batch']);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    const keys = sb.github.issues.map((i) => `${i.labels[1]} ${i.title}`);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    for (let n = 1; n <= 3; n++) {
      const links = issuesOf(p.read(`features/00${n}-kill-${n}/tasks.md`)) ?? {};
      expect(Object.keys(links)).toEqual(['T001', 'T002']);
      for (const [task, num] of Object.entries(links)) expect(sb.github.issues[num - 1]?.title.startsWith(`${task}:`) && sb.github.issues[num - 1]?.labels[1]).toBe(`spec-00${n}-kill-${n}`);
    }
    const quiet = await countWrites(sb, () => p.spec(['sync', '--all-features']));
    expect(quiet.writes).toEqual([]);
    await c?.assertClean();
  });
});
