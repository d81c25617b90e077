// spec sync to Linear through the built bundle against the sandbox; every GraphQL document and response
// checked against Linear's published schema: create, batch, sub-issues, update, no-op, orphans, RATELIMITED.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useContract } from '../helpers/contract.js';
import { useSandbox } from '../helpers/sandbox.js';
import { LINEAR_STATES } from '../../scripts/src/sandbox/linear.js';
import { addFeature, countWrites, sandboxProject } from '../sync-multi/features.js';

const frontmatter = (text: string) => parseYaml(text.split('---')[1] as string) as Record<string, unknown>;
const ops = (bodies: string[]) => bodies.map((b) => /(?:query|mutation) (\w+)/.exec((JSON.parse(b) as { query: string }).query)?.[1]);

describe('spec sync → Linear', () => {
  it('creates the feature issue (team key resolved, priority, label), writes linear_id/url back, then no write on rerun', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear']);
    const name = addFeature(p, 3, 'user-auth', { title: 'User Auth', priority: 'P2' });
    const r = await p.spec(['sync', '--feature=3']);
    expect(r.stderr).not.toMatch(/✗/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 003: Linear ENG-1 created');
    const [issue] = [...sb.linear.issues.values()];
    expect(issue).toMatchObject({ title: 'User Auth', priority: 3, teamId: sb.credentials.linearTeamId, parentId: null });
    expect(issue?.description).toContain('AC1.1 Given a user, the thing works');
    const label = [...sb.linear.labels.values()].find((l) => l.name === 'spec-003-user-auth');
    expect(label?.teamId).toBe(sb.credentials.linearTeamId);
    expect(issue?.labelIds).toEqual([label?.id]);
    const fm = frontmatter(p.read(`features/${name}/spec.md`));
    expect(fm.linear_id).toBe('ENG-1');
    expect(String(fm.linear_url)).toMatch(/^https:\/\/linear\.app\/.+ENG-1/);

    const again = await countWrites(sb, () => p.spec(['sync', '--feature=3']));
    expect(again.result.stdout).toContain('- 003: Linear unchanged');
    expect(again.writes).toEqual([]);
    expect(again.reads).toBe(0); // unchanged: not even a read

    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace('for everyone', 'for admins'));
    const bodies: string[] = [];
    const off = sb.onExchange((e) => bodies.push(e.requestBody));
    const edit = await p.spec(['sync', '--feature=3']);
    off();
    expect(edit.stdout).toContain('✓ 003: Linear ENG-1 updated');
    expect(ops(bodies)).toContain('SpecSyncIssueUpdate');
    expect(sb.linear.issues.size).toBe(1);
    expect(issue?.description).toContain('for admins');
    await c?.assertClean();
  });

  it('--batch creates many features through issueBatchCreate, with sub-issues per task under their parent', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear'], { SPEC_LINEAR_TASK_ISSUES: 'true' });
    for (let n = 1; n <= 3; n++) addFeature(p, n, `feature-${n}`, { tasks: 2, done: n === 1 ? [1] : [] });
    const bodies: string[] = [];
    const off = sb.onExchange((e) => bodies.push(e.requestBody));
    const r = await p.spec(['sync', '--all-features', '--batch']);
    off();
    expect(r.code).toBe(0);
    const names = ops(bodies);
    expect(names.filter((n) => n === 'SpecSyncIssueBatchCreate')).toHaveLength(2); // parents, then sub-issues
    expect(names).not.toContain('SpecSyncIssueCreate');
    const all = [...sb.linear.issues.values()];
    expect(all).toHaveLength(9);
    const parent = all.find((i) => i.title === 'feature 1');
    const subs = all.filter((i) => i.parentId === parent?.id).map((i) => i.title);
    expect(subs.sort()).toEqual(['T001: Step 1 of the work', 'T002: Step 2 of the work']);
    expect(frontmatter(p.read('features/002-feature-2/spec.md')).linear_id).toMatch(/^ENG-\d+$/);
    // Reruns create nothing.
    const again = await countWrites(sb, () => p.spec(['sync', '--all-features', '--batch']));
    expect(again.writes).toEqual([]);
    expect(sb.linear.issues.size).toBe(9);
    await c?.assertClean();
  });

  it('a checked task completes its sub-issue, and unchecking it reopens the sub-issue', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear'], { SPEC_LINEAR_TASK_ISSUES: 'true' });
    addFeature(p, 4, 'states', { tasks: 2, done: [1] });
    const stateOf = (task: string) => LINEAR_STATES.find((st) => st.id === [...sb.linear.issues.values()].find((i) => i.title.startsWith(`${task}:`))?.stateId)?.type;
    expect((await p.spec(['sync', '--feature=4'])).code).toBe(0);
    expect([stateOf('T001'), stateOf('T002')]).toEqual(['completed', 'unstarted']);
    expect((await p.spec(['task', 'undo', 'T001', '--feature=4'])).code).toBe(0);
    expect((await p.spec(['task', 'done', 'T002', '--feature=4'])).code).toBe(0);
    const r = await p.spec(['sync', '--feature=4']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect([stateOf('T001'), stateOf('T002')]).toEqual(['unstarted', 'completed']);
    expect(sb.linear.issues.size).toBe(3);
    await c?.assertClean();
  });

  it('an interrupted create is found by the feature label, not created twice', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear']);
    const name = addFeature(p, 7, 'lost-link');
    expect((await p.spec(['sync', '--feature=7'])).code).toBe(0);
    // Simulate a crash between create and write-back: link gone, intent left in the journal.
    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace(/linear_(id|url):.*\n/g, ''));
    const journal = JSON.parse(p.read('.spec-state/sync-journal.json')) as { items: Record<string, Record<string, unknown>> };
    const key = `${name}/linear/issue`;
    journal.items[key] = { intent: { at: new Date().toISOString(), hash: (journal.items[key] as { hash: string }).hash } };
    p.write('.spec-state/sync-journal.json', JSON.stringify(journal));
    const r = await p.spec(['sync', '--feature=7']);
    expect(r.stdout).toContain('✓ 007: Linear ENG-1 found and linked (no duplicate)');
    expect(sb.linear.issues.size).toBe(1);
    expect(frontmatter(p.read(`features/${name}/spec.md`)).linear_id).toBe('ENG-1');
    await c?.assertClean();
  });

  it("Linear's HTTP 400 RATELIMITED is a rate limit: waited for once, then the sync completes", async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear']);
    addFeature(p, 8, 'limited');
    await sb.setFault('linear', { fault: 'rate-limit', times: 1, retryAfter: 1 });
    const r = await p.spec(['sync', '--feature=8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 008: Linear ENG-1 created');
    // Twice in a row: the one wait is spent, so the item is failed as rate-limited with the retry command.
    const p2 = await sandboxProject(sb, ['linear'], {}, { SPEC_RATE_LIMIT_MAX_WAIT_SECONDS: '5' });
    addFeature(p2, 9, 'limited-twice');
    await sb.setFault('linear', { fault: 'rate-limit', times: 2, retryAfter: 1 });
    const r2 = await p2.spec(['sync', '--feature=9']);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/✗ 009: Linear rate limited/);
    expect(p2.read('.spec-state/integration-errors.log')).toMatch(/\| Linear \| 429 Too Many Requests \|/);
    await sb.clearFault();
    await c?.assertClean();
  });

  it('an unknown team fails every item as not found, with the hint, and nothing is created', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear'], { SPEC_LINEAR_TEAM_ID: 'NOPE' });
    addFeature(p, 10, 'no-team');
    const r = await p.spec(['sync', '--feature=10']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 010: Linear not found → spec sync --feature=010');
    expect(sb.linear.issues.size).toBe(0);
    await c?.assertClean();
  });
});
