// spec sync to GitHub through the built bundle against the sandbox, every exchange checked against
// GitHub's published REST description: create, write-back, no-op, update, close ⇄ check, de-duplication.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useContract } from '../helpers/contract.js';
import { useSandbox } from '../helpers/sandbox.js';
import { maskDependencyNumbers } from '../../scripts/src/trackers/render/issue-body.js';
import { addFeature, countWrites, sandboxProject } from '../sync-multi/features.js';

const frontmatter = (text: string) => parseYaml(text.split('---')[1] as string) as Record<string, unknown>;

describe('spec sync → GitHub', () => {
  it('creates one issue per task with labels, body and marker, writes the numbers back, then makes no call that writes', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    const name = addFeature(p, 3, 'user-auth', { title: 'User Auth', tasks: 3 });
    const r = await p.spec(['sync', '--feature=3']);
    expect(r.stderr).not.toMatch(/Error|✗/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 003: GitHub #1, #2, #3 created');
    const issues = sb.github.issues;
    expect(issues.map((i) => i.title)).toEqual(['T001: Step 1 of the work', 'T002: Step 2 of the work', 'T003: Step 3 of the work']);
    expect(issues[0]?.labels).toEqual(['spec', 'spec-003-user-auth', 'feature-003', 'P1']);
    expect(issues[1]?.body).toContain('<!-- spec:003-user-auth:T002 -->');
    expect(issues[1]?.body).toContain('AC1.1 Given a user, the thing works');
    expect(issues[1]?.body).toContain('### Depends on\n- T001 (#1)\n'); // T001's issue, created earlier in the same run
    expect(sb.github.labels.find((l) => l.name === 'spec')?.description).toMatch(/spec sync/);
    expect(frontmatter(p.read(`features/${name}/tasks.md`)).github_issues).toEqual({ T001: 1, T002: 2, T003: 3 });

    // Rerun: nothing changed → no write at all.
    const again = await countWrites(sb, () => p.spec(['sync', '--feature=3']));
    expect(again.result.code).toBe(0);
    expect(again.result.stdout).toContain('- 003: GitHub unchanged (3 items)');
    expect(again.writes).toEqual([]);
    expect(sb.github.issues).toHaveLength(3);

    // Edit one task: exactly one PATCH, no new issue.
    p.write(`features/${name}/tasks.md`, p.read(`features/${name}/tasks.md`).replace('Step 2 of the work', 'Step 2, reworded'));
    const edit = await countWrites(sb, () => p.spec(['sync', '--feature=3']));
    expect(edit.result.stdout).toContain('✓ 003: GitHub #2 updated');
    expect(edit.writes).toEqual(['github PATCH /repos/sandbox-org/sandbox-repo/issues/2']);
    expect(sb.github.issues[1]?.title).toBe('T002: Step 2, reworded');
    await c?.assertClean();
  });

  it('a checked task closes its issue; an issue closed on GitHub checks its task on the next sync', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    const name = addFeature(p, 4, 'billing', { tasks: 2 });
    expect((await p.spec(['sync', '--feature=4'])).code).toBe(0);

    // local → remote: spec task done, then sync closes #1.
    expect((await p.spec(['task', 'done', 'T001', '--feature=4'])).code).toBe(0);
    const close = await p.spec(['sync', '--feature=4']);
    expect(close.code).toBe(0);
    expect(close.stdout).toContain('✓ 004: GitHub #1 updated');
    expect(sb.github.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(sb.github.issues[1]?.state).toBe('open');

    // remote → local: someone closes #2 on GitHub.
    const i2 = sb.github.issues[1] as (typeof sb.github.issues)[number];
    i2.state = 'closed';
    i2.state_reason = 'completed';
    const back = await countWrites(sb, () => p.spec(['sync', '--feature=4']));
    expect(back.result.code).toBe(0);
    expect(back.result.stdout).toContain('← 004: T002 checked (GitHub #2 closed)');
    expect(p.read(`features/${name}/tasks.md`)).toMatch(/- \[x\] T002/);
    // Already closed remotely: no state change is sent, no issue created (the body may gain '#1' beside its dependency).
    expect(back.writes.filter((w) => !w.endsWith('PATCH /repos/sandbox-org/sandbox-repo/issues/2'))).toEqual([]);
    expect(sb.github.issues[1]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(sb.github.issues[1]?.body).toContain('- T001 (#1)');
    const status = await p.spec(['status', '--feature=4', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ feature: { tasks: { done: 2, total: 2 } } });
    // And the following sync is a no-op.
    const quiet = await countWrites(sb, () => p.spec(['sync', '--feature=4']));
    expect(quiet.writes).toEqual([]);
    expect(quiet.result.stdout).toContain('- 004: GitHub unchanged (2 items)');
    await c?.assertClean();
  });

  it('never duplicates: lost write-back and lost journal relink the existing issues by label and marker', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    const name = addFeature(p, 5, 'search', { tasks: 2 });
    expect((await p.spec(['sync', '--feature=5'])).code).toBe(0);
    // Lose every local trace: the numbers in tasks.md and the journal.
    p.write(`features/${name}/tasks.md`, p.read(`features/${name}/tasks.md`).replace(/^---[\s\S]*?---\n/, ''));
    p.write('.spec-state/sync-journal.json', '{}');
    const r = await p.spec(['sync', '--feature=5']);
    expect(r.code).toBe(0);
    expect(sb.github.issues).toHaveLength(2);
    expect(frontmatter(p.read(`features/${name}/tasks.md`)).github_issues).toEqual({ T001: 1, T002: 2 });
    await c?.assertClean();
  });

  it('spec export tasks --format=github-issues prints what the adapter sends, but for dependency numbers learned in the run', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github']);
    addFeature(p, 6, 'export-me', { tasks: 2, priority: 'P2' });
    const exported = await p.spec(['export', 'tasks', '--format=github-issues', '--feature=6']);
    expect(exported.code).toBe(0);
    const sent: unknown[] = [];
    const off = sb.onExchange((e) => {
      if (e.method === 'POST' && e.path.endsWith('/issues')) sent.push(JSON.parse(e.requestBody));
    });
    expect((await p.spec(['sync', '--feature=6'])).code).toBe(0);
    off();
    const printed = JSON.parse(exported.stdout) as Array<Record<string, unknown>>;
    expect(printed.map((x) => x.task)).toEqual(['T001', 'T002']);
    // T001's number is known only once its issue exists; the adapter fills it into T002's body.
    expect((sent[1] as { body: string }).body).toContain('- T001 (#1)\n');
    const unnumbered = (x: unknown) => ({ ...(x as object), body: maskDependencyNumbers((x as { body: string }).body) });
    expect(sent.map(unnumbered)).toEqual(printed.map(({ task: _task, ...payload }) => payload));
    await c?.assertClean();
  });
});
