// `spec validate` on real temp projects through the built bundle: each consistency rule can fail.
import { describe, expect, it } from 'vitest';
import { makeProject, type Project } from '../helpers/project.js';

const SPEC = `---
title: Accounts
---
# Accounts

## User Stories

### US1 [P1] Sign up
- AC1.1 Email is validated
- AC1.2 Password is hashed

### US2 [P2] Sign in
- Remembers the device
`;
const PLAN = `# Plan\n\nA small service.\n`;
const GOOD_TASKS = `# Tasks

- [ ] T001 [US1] Sign-up form (src/signup.ts)
- [ ] T002 [P] [US2] Sign-in form (src/signin.ts) (depends on T001)
- [ ] T003 [P] Docs (docs/accounts.md)
`;

async function feature(files: Record<string, string>): Promise<Project> {
  const p = await makeProject({ claudeMd: '# project\n' });
  for (const [name, text] of Object.entries(files)) p.write(`features/001-accounts/${name}`, text);
  return p;
}

describe('spec validate (artifacts)', () => {
  it('passes a consistent feature with ✓ lines and exit 0', async () => {
    const p = await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': GOOD_TASKS });
    const r = await p.spec(['validate']);
    expect(r.stdout).toContain('✓ Coverage: 2 user stories and 3 acceptance criteria covered by tasks');
    expect(r.stdout).toContain('✓ Tasks: 3 tasks');
    expect(r.stdout).not.toContain('✗');
    expect(r.code).toBe(0);
  });

  it('names a dependency cycle', async () => {
    const tasks = `- [ ] T001 [US1] [US2] A (depends on T003)\n- [ ] T002 B\n- [ ] T003 C (depends on T001)\n`;
    const r = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': tasks })).spec(['validate']);
    expect(r.stdout).toContain('✗ features/001-accounts/tasks.md:1: dependency cycle T001 → T003 → T001');
    expect(r.code).toBe(1);
  });

  it('flags a duplicate task id and a missing dependency', async () => {
    const tasks = `- [ ] T001 [US1] [US2] A\n- [ ] T001 B (depends on T042)\n`;
    const r = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': tasks })).spec(['validate']);
    expect(r.stdout).toContain('✗ features/001-accounts/tasks.md:2: task id T001 is used twice (first on line 1)');
    expect(r.stdout).toContain('T001 depends on T042, which tasks.md does not define');
    expect(r.code).toBe(1);
  });

  it('reports an uncovered story at its line in spec.md', async () => {
    const tasks = `- [ ] T001 [US1] Sign-up form\n`;
    const r = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': tasks })).spec(['validate']);
    expect(r.stdout).toContain('✗ features/001-accounts/spec.md:12: US2 "Sign in" has no task; tag one in tasks.md with [US2]');
    expect(r.code).toBe(1);
  });

  it('applies the coverage rule to acceptance criteria with ids', async () => {
    // Every [US1] task names an AC id, and none names AC1.2: AC1.2 is uncovered. US2's criterion has no id.
    const tasks = `- [ ] T001 [US1] Validate email (AC1.1)\n- [ ] T002 [US2] Sign-in form\n`;
    const r = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': tasks })).spec(['validate', '--json']);
    const json = JSON.parse(r.stdout);
    const findings = json.artifacts.features[0].checks.flatMap((c: { findings: unknown[] }) => c.findings);
    expect(findings).toEqual([
      expect.objectContaining({ level: 'error', code: 'uncovered-criterion', file: 'features/001-accounts/spec.md', line: 10 }),
    ]);
    expect(json.ok).toBe(false);
    expect(r.code).toBe(1);
    // A [US1] task that names no AC id covers all of US1's criteria.
    const general = `- [ ] T001 [US1] Validate email (AC1.1)\n- [ ] T003 [US1] Finish sign-up\n- [ ] T002 [US2] Sign-in form\n`;
    const ok = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': general })).spec(['validate']);
    expect(ok.code).toBe(0);
  });

  it('flags [P] tasks that touch the same file, unless one depends on the other', async () => {
    const tasks = `- [ ] T001 [P] [US1] [US2] A (src/app.ts)\n- [ ] T002 [P] B (src/app.ts)\n- [ ] T003 [P] C (src/app.ts) (depends on T001, T002)\n`;
    const r = await (await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': tasks })).spec(['validate']);
    expect(r.stdout).toContain('✗ features/001-accounts/tasks.md:2: T001 and T002 are both [P] and both touch src/app.ts');
    expect(r.stdout).not.toContain('T003 are both');
    expect(r.code).toBe(1);
  });

  it('refuses tasks.md without plan.md, and a feature without spec.md', async () => {
    const r = await (await feature({ 'spec.md': SPEC, 'tasks.md': GOOD_TASKS })).spec(['validate']);
    expect(r.stdout).toContain('✗ features/001-accounts/tasks.md:1: exists but plan.md does not');
    expect(r.code).toBe(1);
    const q = await (await feature({ 'plan.md': PLAN })).spec(['validate']);
    expect(q.stdout).toContain('✗ features/001-accounts/spec.md: missing');
    expect(q.code).toBe(1);
  });

  it('checks frontmatter links', async () => {
    const spec = SPEC.replace('title: Accounts', 'title: Accounts\njira_id: proj-12\njira_url: ftp://jira\nlinear_url: https://linear.app/x/issue/ENG-1');
    const plan = `---\nconfluence_page_id: abc\nconfluence_url: https://x.atlassian.net/wiki/pages/1\n---\n${PLAN}`;
    const tasks = `---\ngithub_issues:\n  T001: 12\n  T009: 3\n  T002: -1\n---\n${GOOD_TASKS}`;
    const r = await (await feature({ 'spec.md': spec, 'plan.md': plan, 'tasks.md': tasks })).spec(['validate']);
    expect(r.stdout).toContain("✗ features/001-accounts/spec.md:3: jira_id: 'proj-12' is not a JIRA issue key (like PROJ-123)");
    expect(r.stdout).toContain("✗ features/001-accounts/spec.md:4: jira_url: 'ftp://jira' is not an http(s) URL");
    expect(r.stdout).toContain("✗ features/001-accounts/plan.md:2: confluence_page_id: 'abc' is not a Confluence page id");
    expect(r.stdout).toContain('✗ features/001-accounts/tasks.md:4: github_issues.T009: T009 is not a task in tasks.md');
    expect(r.stdout).toContain("✗ features/001-accounts/tasks.md:5: github_issues.T002: issue number '-1' must be a positive whole number");
    expect(r.stdout).not.toContain('linear_url');
    expect(r.code).toBe(1);
  });

  it('counts [CLARIFY] markers as a warning only (exit 0)', async () => {
    const spec = `${SPEC}\n## Open\n\n[CLARIFY: which identity provider?]\nAnd [CLARIFY: retention]\n\n\`[CLARIFY: example in code]\`\n`;
    const r = await (await feature({ 'spec.md': spec, 'plan.md': PLAN, 'tasks.md': GOOD_TASKS })).spec(['validate']);
    expect(r.stdout).toMatch(/Warning: features\/001-accounts\/spec\.md:\d+: 2 unresolved \[CLARIFY\] markers/);
    expect(r.code).toBe(0);
  });

  it('--all covers every feature and warns about numbering gaps and duplicates', async () => {
    const p = await feature({ 'spec.md': SPEC, 'plan.md': PLAN, 'tasks.md': GOOD_TASKS });
    p.write('features/003-reports/spec.md', '# Reports\n\n- US1: See a report\n');
    p.write('features/003-audit/spec.md', '# Audit\n');
    const r = await p.spec(['validate', '--all']);
    expect(r.stdout).toContain('Feature 001-accounts:');
    expect(r.stdout).toContain('Feature 003-reports:');
    expect(r.stdout).toContain('- Coverage: skipped (no tasks.md yet)');
    expect(r.stdout).toMatch(/Warning: features\/: number 003 is used by 003-audit and 003-reports/);
    expect(r.stdout).toMatch(/Warning: features\/: no feature numbered 002/);
    expect(r.code).toBe(0);
  });

  it('says so when there is no feature yet', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    const r = await p.spec(['validate']);
    expect(r.stdout).toContain('- No features yet');
    expect(r.code).toBe(0);
  });
});
