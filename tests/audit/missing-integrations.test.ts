// spec audit --missing-integrations through the bundle against the sandbox: features without links,
// drift since the last sync, remote items that are gone (404), each with its fix; exit 0 only when clean.
import { describe, expect, it } from 'vitest';
import { useContract } from '../helpers/contract.js';
import { makeProject } from '../helpers/project.js';
import { useSandbox } from '../helpers/sandbox.js';
import { addFeature, countWrites, sandboxProject } from '../sync-multi/features.js';

describe('spec audit --missing-integrations', () => {
  it('is clean (exit 0) right after a sync, with one read per linked item and no write', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear', 'github']);
    addFeature(p, 3, 'clean', { tasks: 2 });
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
    const r = await countWrites(sb, () => p.spec(['audit', '--missing-integrations']));
    expect(r.result.code).toBe(0);
    expect(r.result.stdout).toContain('✓ 1 feature(s) linked and in sync with Linear, GitHub (3 remote item(s) checked)');
    expect(r.writes).toEqual([]);
    expect(r.reads).toBe(3);
    await c?.assertClean();
  });

  it('lists missing links, drift and deleted remote items with the command that fixes each (exit 1, --json)', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['linear', 'github']);
    addFeature(p, 3, 'synced', { tasks: 1 });
    addFeature(p, 4, 'changed', { tasks: 1 });
    addFeature(p, 5, 'deleted', { tasks: 2 });
    expect((await p.spec(['sync', '--features=3,4,5'])).code).toBe(0);
    addFeature(p, 6, 'never-synced', { tasks: 1 });
    p.write('features/004-changed/spec.md', p.read('features/004-changed/spec.md').replace('for everyone', 'for a few'));
    // Someone deleted the Linear issue of 005 and its GitHub issue for T002.
    const lin = [...sb.linear.issues.values()].find((i) => i.title === 'deleted');
    sb.linear.issues.delete(lin?.id as string);
    const gh = sb.github.issues.findIndex((i) => i.title.startsWith('T002') && i.labels.includes('spec-005-deleted'));
    const ghNumber = sb.github.issues[gh]?.number;
    sb.github.issues.splice(gh, 1);

    const r = await p.spec(['audit', '--missing-integrations']);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain('✗ 006: no Linear link (issue) → spec sync --feature=006 --only=linear');
    expect(out).toContain('✗ 006: no GitHub link (T001) → spec sync --feature=006 --only=github');
    expect(out).toContain('✗ 004: Linear changed since last sync (issue) → spec sync --feature=004 --only=linear');
    expect(out).toMatch(/✗ 005: Linear ENG-\d+ \(issue\) no longer exists \(404\) → spec link --feature=005 --linear=<ID>/);
    expect(out).toContain(`✗ 005: GitHub #${ghNumber} (T002) no longer exists (404) → spec link --feature=005 --github=T002:<number>`);
    expect(out).not.toMatch(/✗ 003/);

    const j = await p.spec(['audit', '--missing-integrations', '--json']);
    expect(j.code).toBe(1);
    const data = JSON.parse(j.stdout);
    expect(data).toMatchObject({ ok: false, trackers: ['linear', 'github'] });
    expect(data.missing.map((m: { featureId: string; tracker: string }) => `${m.featureId} ${m.tracker}`)).toEqual(['006 linear', '006 github']);
    expect(data.drift).toEqual([expect.objectContaining({ featureId: '004', tracker: 'linear', reason: 'changed', items: ['issue'] })]);
    expect(data.gone.map((g: { featureId: string; tracker: string; item: string }) => `${g.featureId} ${g.tracker} ${g.item}`)).toEqual(['005 linear issue', '005 github T002']);
    await c?.assertClean();
  });

  it('finds JIRA stories and Confluence pages that no longer exist (404)', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['jira', 'confluence']);
    addFeature(p, 7, 'atlassian', { tasks: 1 });
    expect((await p.spec(['sync', '--feature=7'])).code).toBe(0);
    const clean = await p.spec(['audit', '--missing-integrations']);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).not.toContain('not checked remotely');
    // Someone deleted the story and the page.
    const key = /jira_id: (PROJ-\d+)/.exec(p.read('features/007-atlassian/spec.md'))?.[1] as string;
    const pageId = /confluence_page_id: "?(\d+)/.exec(p.read('features/007-atlassian/plan.md'))?.[1] as string;
    for (const [k, issue] of sb.jira.issues) if (k === key || (issue as { key?: string }).key === key) sb.jira.issues.delete(k);
    sb.confluence.pages.delete(pageId);
    const r = await p.spec(['audit', '--missing-integrations']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`✗ 007: JIRA ${key} .*no longer exists \\(404\\)`));
    expect(r.stdout).toMatch(new RegExp(`✗ 007: Confluence ${pageId} .*no longer exists \\(404\\)`));
    await c?.assertClean();
  });

  it('a tracker that cannot be read is named with its check command, not reported as deleted', async () => {
    const sb = await useSandbox();
    const p = await sandboxProject(sb, ['github']);
    addFeature(p, 3, 'x', { tasks: 1 });
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
    await sb.setFault('github', 'auth');
    const r = await p.spec(['audit', '--missing-integrations']);
    await sb.clearFault();
    expect(r.stdout).not.toContain('no longer exists');
    expect(r.stderr).toContain('GitHub could not be read');
    expect(r.stderr).toContain('→ spec test-integration --github');
    expect(r.code).toBe(0);
  });

  it('with no integration enabled there is nothing to audit; without the flag it is a usage error', async () => {
    const p = await makeProject({ claudeMd: '# Project\n' });
    addFeature(p, 1, 'local-only');
    const r = await p.spec(['audit', '--missing-integrations']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- No integration enabled; nothing to audit');
    expect((await p.spec(['audit'])).code).toBe(2);
  });
});
