// spec link refuses what would take over an item or lose a link: a task id tasks.md does not have,
// an item another feature links (naming it), replacing an existing link without --force. A refused
// link leaves every file byte-identical and exits non-zero with one line naming the fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, type Project } from '../helpers/project.js';

const TASKS = `---\ntitle: Tasks\n---\n# Tasks\n\n- [ ] T001 [US1] P1 Model (src/model.ts)\n- [ ] T002 [US1] Route (src/route.ts)\n`;

async function twoFeatures(): Promise<Project> {
  const p = await makeProject({ claudeMd: '# p\nSPEC_ATLASSIAN_URL=https://acme.atlassian.net\n' });
  await p.spec(['new', 'Login', '--no-branch']);
  await p.spec(['new', 'Billing', '--no-branch']);
  for (const f of ['001-login', '002-billing']) {
    p.write(`features/${f}/tasks.md`, TASKS);
    p.write(`features/${f}/plan.md`, '# Plan\n');
  }
  return p;
}
const files = (p: Project) => ['001-login', '002-billing'].flatMap((f) => ['spec.md', 'plan.md', 'tasks.md'].map((d) => readFileSync(join(p.root, 'features', f, d), 'utf8')));

describe('spec link ownership', () => {
  it('refuses a task id that tasks.md does not list', async () => {
    const p = await twoFeatures();
    const before = files(p);
    const r = await p.spec(['link', '--feature=1', '--github=T001:4,T009:5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ features/001-login/tasks.md has no task T009 (it lists T001, T002)');
    expect(files(p)).toEqual(before);
  });

  it('refuses an item another feature links, naming that feature', async () => {
    const p = await twoFeatures();
    expect((await p.spec(['link', '--feature=1', '--jira=PROJ-7', '--github=T001:40'])).code).toBe(0);
    const before = files(p);
    let r = await p.spec(['link', '--feature=2', '--jira=PROJ-7']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JIRA PROJ-7 is linked by feature 001-login (spec.md jira_id)');
    r = await p.spec(['link', '--feature=2', '--github=T002:40']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GitHub #40 (asked for T002) is linked by feature 001-login (tasks.md T001)');
    // Not even --force hands another feature's item over.
    expect((await p.spec(['link', '--feature=2', '--jira=PROJ-7', '--force'])).code).toBe(1);
    // Nor can two tasks of one feature share an issue.
    r = await p.spec(['link', '--feature=1', '--github=T002:40']);
    expect(r.stderr).toContain('GitHub #40 would belong to T001 and T002');
    expect(files(p)).toEqual(before);
  });

  it('does not replace a link without --force, and says what it replaces', async () => {
    const p = await twoFeatures();
    await p.spec(['link', '--feature=1', '--jira=PROJ-1', '--github=T001:4']);
    const before = files(p);
    let r = await p.spec(['link', '--feature=1', '--jira=PROJ-2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ features/001-login is already linked: this would replace JIRA PROJ-1 with PROJ-2');
    expect(r.stderr).toContain('--force');
    r = await p.spec(['link', '--feature=1', '--github=T001:5']);
    expect(r.stderr).toContain('T001 → GitHub #4 with #5');
    expect(files(p)).toEqual(before);
    // The same link again is not a replacement.
    expect((await p.spec(['link', '--feature=1', '--jira=PROJ-1'])).code).toBe(0);
    r = await p.spec(['link', '--feature=1', '--jira=PROJ-2', '--force']);
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('Replaced JIRA PROJ-1 with PROJ-2 (--force)');
    expect(p.read('features/001-login/spec.md')).toContain('jira_id: PROJ-2');
  });
});
