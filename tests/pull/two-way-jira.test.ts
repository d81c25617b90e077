// Two-way with JIRA through the built bundle against the sandbox: a story edited in JIRA is never
// overwritten (held, pending, --force overwrites), its status comes back into spec.md, and status goes
// out: all tasks checked → the first transition into Done, one unchecked → back to In Progress.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markdownToAdf } from '../../scripts/src/trackers/render/adf.js';
import { useContract, type ContractRecorder } from '../helpers/contract.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { atlassianProject, issuesLabelled, recordExchanges, writeFeature } from '../sync-jira/helpers.js';

let sb: Sandbox;
let c: ContractRecorder | undefined;
beforeAll(async () => {
  sb = await useSandbox();
  c = useContract(sb);
});
beforeEach(async () => {
  await sb.clearFault();
});

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sb.urls.admin}${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.json() as Promise<Record<string, unknown>>;
};
const tasks = (done: boolean[]) => `# Tasks\n\n${done.map((d, i) => `- [${d ? 'x' : ' '}] T00${i + 1} Step ${i + 1}`).join('\n')}\n`;

describe('remote edits are never overwritten', () => {
  it('holds the update with the fields named, records it pending, and --force overwrites knowingly', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 3, 'held-edit', { title: 'Held Edit' });
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    await admin('POST', `/edit/jira/${key}`, { summary: 'Held Edit (PM wording)', description: 'The PM rewrote this.' });
    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace('for everyone.', 'for everyone, now faster.'));

    const r = await p.spec(['sync', '--feature=3']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`✗ 003: JIRA ${key} was edited in JIRA since the last sync (summary, description) → spec pull --feature=003 to review`);
    expect(sb.jira.issues.get(key)!.fields.summary).toBe('Held Edit (PM wording)');
    expect(p.read('.spec-state/sync-pending.json')).toContain('was edited in JIRA');

    const f = await p.spec(['sync', '--feature=3', '--force']);
    expect(f.code, f.stdout + f.stderr).toBe(0);
    expect(f.stdout).toContain(`✓ 003: ${key} updated`);
    expect(sb.jira.issues.get(key)!.fields.summary).toBe('Held Edit');
    // After a forced write, the next local change goes through again.
    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace('now faster', 'now much faster'));
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
  });

  it('an edit in JIRA with no local change costs one batched read and no write', async () => {
    const p = await atlassianProject(sb, 'jira');
    const names = [4, 5, 6].map((n) => writeFeature(p, n, `quiet-${n}`));
    expect((await p.spec(['sync', '--all-features'])).code).toBe(0);
    await admin('POST', `/edit/jira/${issuesLabelled(sb, `spec-${names[0]}`)[0]!.key}`, { summary: 'Edited remotely' });
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--all-features']);
    ex.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(ex.list).toEqual([]);
    expect(ex.inbound.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /rest/api/3/search/jql']);
  });
});

describe('status goes out and comes back', () => {
  it('all tasks checked → transitioned to Done through /transitions; unchecked → back to In Progress; jira_status in spec.md', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 7, 'ship-it');
    p.write(`features/${name}/tasks.md`, tasks([true, false]));
    expect((await p.spec(['sync', '--feature=7'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    expect(sb.jira.issues.get(key)!.statusId).toBe('10000');

    p.write(`features/${name}/tasks.md`, tasks([true, true]));
    const done = await p.spec(['sync', '--feature=7']);
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toContain(`→ 007: JIRA ${key} moved to Closed (Ship it), 2/2 tasks done`);
    expect(sb.jira.issues.get(key)!.statusId).toBe('10003');
    expect(p.read(`features/${name}/spec.md`)).toContain('jira_status: Closed');

    await admin('POST', `/edit/jira/${key}`, { status: 'Closed' });
    p.write(`features/${name}/tasks.md`, tasks([true, false]));
    const back = await p.spec(['sync', '--feature=7']);
    expect(back.stdout).toContain(`→ 007: JIRA ${key} moved to In Progress (Reopen), 1/2 tasks done`);
    expect(sb.jira.issues.get(key)!.statusId).toBe('10001');
  });

  it('a status changed in JIRA comes back as jira_status; a refused transition is a warning; SPEC_JIRA_TRANSITIONS=disabled sends none', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 8, 'refused');
    p.write(`features/${name}/tasks.md`, tasks([false]));
    expect((await p.spec(['sync', '--feature=8'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    await admin('POST', `/edit/jira/${key}`, { status: 'In Review' });
    const pulled = await p.spec(['sync', '--feature=8']);
    expect(pulled.stdout).toContain(`← 008: JIRA ${key} is In Review`);
    expect(p.read(`features/${name}/spec.md`)).toContain('jira_status: In Review');

    await admin('POST', '/edit/jira-workflow', { refuseDone: 'Resolution is required.' });
    p.write(`features/${name}/tasks.md`, tasks([true]));
    const refused = await p.spec(['sync', '--feature=8']);
    await admin('POST', '/edit/jira-workflow', { refuseDone: null });
    expect(refused.code, refused.stdout + refused.stderr).toBe(0);
    expect(refused.stdout + refused.stderr).toContain(`JIRA refused to move ${key} to Closed (Resolution is required.); move it by hand`);

    const off = await atlassianProject(sb, 'jira', { SPEC_JIRA_TRANSITIONS: 'disabled' });
    const n2 = writeFeature(off, 9, 'no-transitions');
    off.write(`features/${n2}/tasks.md`, tasks([true]));
    expect((await off.spec(['sync', '--feature=9'])).code).toBe(0);
    const ex = recordExchanges(sb);
    await off.spec(['sync', '--feature=9']);
    ex.stop();
    expect(ex.list.filter((e) => e.path.endsWith('/transitions'))).toEqual([]);
    expect(ex.inbound).toHaveLength(1);
    void c;
  });
});

describe('spec pull', () => {
  // The description mirrors the whole spec body (a project template with no body of its own), so
  // spec.md is the file a remote description edit merges into.
  const WHOLE_BODY = '---\nfields:\n  issuetype: Story\n  labels: [spec]\n---\n';
  const body = (p: { read(f: string): string }, name: string) => p.read(`features/${name}/spec.md`).split('\n---\n').slice(1).join('\n---\n');

  it('shows a remote edit as a diff, --apply merges it three-way, and the next sync sends the merged text', async () => {
    const p = await atlassianProject(sb, 'jira');
    p.write('.spec/templates/jira-story-template.md', WHOLE_BODY);
    const name = writeFeature(p, 11, 'pull-merge', { title: 'Pull Merge' });
    expect((await p.spec(['sync', '--feature=11'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    const theirs = body(p, name).replace('Pull Merge for everyone.', 'Pull Merge for everyone, on mobile too.');
    await admin('POST', `/edit/jira/${key}`, { summary: 'Pull Merge, mobile', description: markdownToAdf(theirs) });
    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace('- AC1.1 Given a user, it works', '- AC1.1 Given a user, it works\n- AC1.2 Given a locked user, it says why'));
    const plan = p.read(`features/${name}/plan.md`);

    const shown = await p.spec(['pull', '--feature=11']);
    expect(shown.code, shown.stdout + shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`← 011: JIRA ${key} was edited remotely (summary, description)`);
    expect(shown.stdout).toContain('-Pull Merge for everyone.');
    expect(shown.stdout).toContain('+Pull Merge for everyone, on mobile too.');
    expect(body(p, name)).not.toContain('mobile');

    const applied = await p.spec(['pull', '--feature=11', '--apply']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`✓ 011: merged JIRA ${key} into features/${name}/spec.md (title taken from it)`);
    const merged = p.read(`features/${name}/spec.md`);
    expect(merged).toContain('on mobile too.');
    expect(merged).toContain('AC1.2 Given a locked user');
    expect(merged).toContain('title: Pull Merge, mobile');
    expect(p.read(`features/${name}/plan.md`)).toBe(plan);

    const r = await p.spec(['sync', '--feature=11']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.stringify(sb.jira.issues.get(key)!.fields.description)).toContain('AC1.2');
  });

  it('a conflicting local and remote edit: markers only inside spec.md, exit 1, and sync stays held', async () => {
    const p = await atlassianProject(sb, 'jira');
    p.write('.spec/templates/jira-story-template.md', WHOLE_BODY);
    const name = writeFeature(p, 12, 'pull-conflict', { title: 'Pull Conflict' });
    expect((await p.spec(['sync', '--feature=12'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    await admin('POST', `/edit/jira/${key}`, { description: markdownToAdf(body(p, name).replace('Pull Conflict for everyone.', 'Remote words.')) });
    p.write(`features/${name}/spec.md`, p.read(`features/${name}/spec.md`).replace('Pull Conflict for everyone.', 'Local words.'));
    const plan = p.read(`features/${name}/plan.md`);
    const r = await p.spec(['pull', '--feature=12', '--apply']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`✗ 012: features/${name}/spec.md has 1 conflict(s) with JIRA ${key}`);
    const text = p.read(`features/${name}/spec.md`);
    expect(text).toContain(`<<<<<<< features/${name}/spec.md\nLocal words.\n=======\nRemote words.\n>>>>>>> JIRA ${key}`);
    expect(p.read(`features/${name}/plan.md`)).toBe(plan);
    expect((await p.spec(['sync', '--feature=12'])).code).toBe(1);
  });
});
