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
    expect(exported.stdout.trim()).toBe(page?.body.storage.value.trim());
    await c?.assertClean();
  });

  it('decide what GitHub and Linear receive, and export prints the same', async () => {
    const sb = await useSandbox();
    const c = useContract(sb);
    const p = await sandboxProject(sb, ['github', 'linear']);
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

    const exported = JSON.parse((await p.spec(['export', 'tasks', '--format=github-issues', '--feature=4'])).stdout) as Array<{ title: string; body: string; labels: string[] }>;
    expect(exported.map(({ title, body, labels }) => ({ title, body, labels }))).toEqual(sb.github.issues.map(({ title, body, labels }) => ({ title, body, labels })));
    const linear = JSON.parse((await p.spec(['export', 'spec', '--format=linear', '--feature=4'])).stdout) as { title: string; description: string; priority: number };
    expect({ title: linear.title, description: linear.description, priority: linear.priority }).toEqual({ title: issue?.title, description: issue?.description, priority: issue?.priority });

    // Rerun with the same templates: nothing to do.
    expect((await p.spec(['sync', '--feature=4'])).stdout).toContain('- 004: GitHub unchanged (2 items)');
    await c?.assertClean();
  });
});
