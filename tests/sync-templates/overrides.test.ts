// A project's own .spec/templates/ copies of the GitHub, Linear and Confluence templates decide what sync
// sends (title, labels, priority, parent, body), and `spec export` prints exactly the same.
import { describe, expect, it } from 'vitest';
import { useContract } from '../helpers/contract.js';
import { useSandbox } from '../helpers/sandbox.js';
import { addFeature, sandboxProject } from '../sync-multi/features.js';

const GITHUB = `---
issue:
  title: "[{{id}}] {{task_id}} {{task_text}}"
  labels: [spec, "{{story}}", team-web, "{{nothing}}"]
---
Custom layout for {{task_text}}.

{{acceptance_criteria}}
`;

const LINEAR = `---
issue:
  title: "Feature {{id}}: {{title}}"
  priority: 1
  labels: [spec, "area-{{id}}"]
---
Only the summary: {{summary}}
`;

const CONFLUENCE = `---
page:
  title: "Design {{id}} — {{title}}"
  parent: root
---
Owner: the web team.

{{plan}}
`;

describe('integration templates in .spec/templates/', () => {
  it('decide the Confluence page, and export prints the same storage body', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['confluence']);
    addFeature(p, 5, 'paged', { title: 'Paged' });
    p.write('.spec/templates/confluence-page-template.md', CONFLUENCE);
    const r = await p.spec(['publish', '--confluence', '--feature=5']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const page = [...sb.confluence.pages.values()].find((pg) => pg.title === 'Design 005 — Paged');
    expect(page?.parentId).toBe('123456');
    expect(page?.body.storage.value).toMatch(/^<p>Owner: the web team\.<\/p>\n<h1>Plan<\/h1>/);
    const exported = await p.spec(['export', 'plan', '--format=confluence', '--feature=5']);
    // Plain export leads with the page title as an XML comment; the storage body follows.
    const [titleLine, ...body] = exported.stdout.split('\n');
    expect(titleLine).toContain('Design 005 — Paged');
    expect(body.join('\n').trim()).toBe(page?.body.storage.value.trim());
    await c?.assertClean();
  });

  it('decide what GitHub and Linear receive, and export prints the same', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    // Labels by name or id: a workspace label named in SPEC_LINEAR_LABELS, a team label by its id.
    const label = (id: string, name: string, teamId: string | null) => sb.linear.labels.set(id, { id, name, color: '#000000', teamId, createdAt: '2026-01-01T00:00:00.000Z' });
    label('5a1e0000-0000-4000-8000-000000000001', 'customer', null);
    label('5a1e0000-0000-4000-8000-000000000002', 'web', sb.credentials.linearTeamId);
    const p = await sandboxProject(sb, ['github', 'linear'], { SPEC_LINEAR_LABELS: 'customer, 5a1e0000-0000-4000-8000-000000000002' });
    addFeature(p, 4, 'templated', { title: 'Templated', tasks: 2 });
    p.write('.spec/templates/github-issue-template.md', GITHUB);
    p.write('.spec/templates/linear-issue-template.md', LINEAR);
    const r = await p.spec(['sync', '--feature=4']);
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const [first] = sb.github.issues;
    expect(first?.title).toBe('[004] T001 Step 1 of the work');
    // Template labels filled in; an unknown placeholder's label dropped; the feature label always added.
    expect(first?.labels).toEqual(['spec', 'US1', 'team-web', 'spec-004-templated']);
    expect(first?.body).toMatch(/^Custom layout for Step 1 of the work\.\n\n### Acceptance criteria\n\nUS1: Do the thing\n- \[ \] AC1\.1 Given a user, the thing works/);
    expect(first?.body).toMatch(/<!-- spec:004-templated:T001 -->\n$/);

    const issue = [...sb.linear.issues.values()][0];
    expect(issue?.title).toBe('Feature 004: Templated');
    expect(issue?.priority).toBe(1);
    expect(issue?.description).toBe('Only the summary: Templated for everyone.');
    const names = (ids: string[] = []) => ids.map((id) => sb.linear.labels.get(id)?.name).sort();
    expect(names(issue?.labelIds)).toEqual(['area-004', 'customer', 'spec', 'spec-004-templated', 'web']);
    expect([...sb.linear.labels.values()].filter((l) => l.name === 'customer')).toHaveLength(1); // found, not created again

    const exported = JSON.parse((await p.spec(['export', 'tasks', '--format=github-issues', '--feature=4'])).stdout) as Array<{ title: string; body: string; labels: string[] }>;
    expect(exported.map(({ title, body, labels }) => ({ title, body, labels }))).toEqual(sb.github.issues.map(({ title, body, labels }) => ({ title, body, labels })));
    const linear = JSON.parse((await p.spec(['export', 'spec', '--format=linear', '--feature=4'])).stdout) as { title: string; description: string; priority: number; labelIds: string[]; labelNames: string[] };
    expect([linear.labelIds, linear.labelNames]).toEqual([['5a1e0000-0000-4000-8000-000000000002'], ['customer', 'spec', 'area-004']]);
    expect({ title: linear.title, description: linear.description, priority: linear.priority }).toEqual({ title: issue?.title, description: issue?.description, priority: issue?.priority });

    // Rerun with the same templates: nothing to do.
    expect((await p.spec(['sync', '--feature=4'])).stdout).toContain('- 004: GitHub unchanged (2 items)');
    await c?.assertClean();
  });
});
