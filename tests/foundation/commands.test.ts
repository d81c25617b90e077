import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';

const TASKS = `---\ntitle: Tasks\n---\n# Tasks\n\n- [ ] T001 [US1] P1 Model (src/model.ts)\n- [ ] T002 [US1] Route (src/route.ts) (depends on T001)\n- [x] T003 Docs\n`;

describe('init', () => {
  it('creates the structure once, then changes nothing and says so', async () => {
    const p = await makeProject({ git: true });
    const first = await p.spec(['init']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✓ Created features/');
    expect(p.read('.gitignore')).toContain('.spec-state/');
    expect(p.read('CLAUDE.md')).toContain('# SPEC_ATLASSIAN_SYNC=enabled');
    expect(p.read('.spec-memory/DECISIONS-LOG.md')).toContain('# Decisions Log');
    const second = await p.spec(['init']);
    expect(second.stdout).toContain('✓ Already initialized: nothing to change');
    expect(second.stdout).toContain('- JIRA: Not configured');
    const status = await p.git(['status', '--porcelain']);
    expect(status.stdout).not.toContain('.spec-state');
  });

  it('keeps an existing .gitignore and CLAUDE.md with settings as they are', async () => {
    const p = await makeProject({ claudeMd: '# Mine\nSPEC_SYNC_MODE=manual\n' });
    p.write('.gitignore', 'node_modules');
    await p.spec(['init']);
    expect(p.read('.gitignore')).toBe('node_modules\n.spec-state/\n.spec-memory/WORKFLOW-PROGRESS.md\n');
    expect(p.read('CLAUDE.md')).toBe('# Mine\nSPEC_SYNC_MODE=manual\n');
  });
});

describe('new', () => {
  it('creates spec.md from the template, makes it current and switches to the feature branch', async () => {
    const p = await makeProject({ git: true, claudeMd: '# p\n' });
    await p.git(['add', 'CLAUDE.md']);
    await p.git(['commit', '-qm', 'claude']);
    const r = await p.spec(['new', 'User Authentication']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Created features/001-user-authentication/spec.md');
    expect(r.stdout).toContain('✓ Switched to new branch feature/001-user-authentication');
    expect((await p.git(['branch', '--show-current'])).stdout).toBe('feature/001-user-authentication');
    const spec = p.read('features/001-user-authentication/spec.md');
    expect(spec).toContain('title: "User Authentication"');
    expect(spec).not.toContain('{{title}}');
    expect(p.read('.spec-state/current-session.md')).toContain('feature: 001-user-authentication');
  });

  it('uses a project template override from .spec/templates/', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('.spec/templates/spec.md', '---\ntitle: "{{title}}"\n---\n# Ours: {{title}} ({{id}})\n');
    const r = await p.spec(['new', 'Custom', '--no-branch']);
    expect(r.stdout).toContain('(from .spec/templates/spec.md)');
    expect(p.read('features/001-custom/spec.md')).toBe('---\ntitle: "Custom"\n---\n# Ours: Custom (001)\n');
  });

  it('skips the branch with a note outside git', async () => {
    const outside = await makeProject({ claudeMd: '# p\n' });
    const a = await outside.spec(['new', 'No git']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('- Branch: not a git repository');
  });

  it('follows SPEC_GIT_BRANCH_PATTERN and SPEC_GIT_BRANCH=disabled', async () => {
    const p = await makeProject({ git: true, env: { SPEC_GIT_BRANCH_PATTERN: 'spec/{id}' } });
    await p.spec(['new', 'Patterned']);
    expect((await p.git(['branch', '--show-current'])).stdout).toBe('spec/001');
    const q = await makeProject({ git: true, env: { SPEC_GIT_BRANCH: 'disabled' } });
    const r = await q.spec(['new', 'Stay']);
    expect(r.stdout).not.toContain('Branch');
    expect((await q.git(['branch', '--show-current'])).stdout).toBe('main');
  });
});

describe('task, status, decision, link', () => {
  it('checks and unchecks a task, proving the write, and status counts it', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Tasks here', '--no-branch']);
    p.write('features/001-tasks-here/plan.md', '# Plan\n');
    p.write('features/001-tasks-here/tasks.md', TASKS);
    const done = await p.spec(['task', 'done', 't001']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('✓ T001 done: Model');
    expect(done.stdout).toContain('Progress: 2/3 (67%)');
    expect(p.read('features/001-tasks-here/tasks.md')).toContain('- [x] T001 [US1] P1 Model (src/model.ts)');
    expect(p.read('features/001-tasks-here/tasks.md').startsWith('---\ntitle: Tasks\n---\n')).toBe(true);
    const again = await p.spec(['task', 'done', 'T001']);
    expect(again.stdout).toContain('T001 was already done');
    const status = await p.spec(['status']);
    expect(status.stdout).toContain('Current Feature: 001-tasks-here (Tasks here)');
    expect(status.stdout).toContain('Phase: Implementation');
    expect(status.stdout).toContain('Tasks: 2/3 done (67%)');
    expect(status.stdout).toContain('- JIRA: Not configured');
    const undo = await p.spec(['task', 'undo', 'T001']);
    expect(undo.stdout).toContain('✓ T001 reopened');
    const missing = await p.spec(['task', 'done', 'T404']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('features/001-tasks-here/tasks.md: no task T404');
    expect(readFileSync(join(p.root, '.spec-memory/WORKFLOW-PROGRESS.md'), 'utf8')).toContain('| 001-tasks-here | Tasks here | Implementation | 1/3 (33%) | - |');
  });

  it('appends decision records, even from concurrent processes', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['init']);
    const runs = await Promise.all(Array.from({ length: 10 }, (_, i) => p.spec(['decision', `Choice ${i}`, '--body=Because.'])));
    expect(runs.every((r) => r.code === 0)).toBe(true);
    const log = p.read('.spec-memory/DECISIONS-LOG.md');
    for (let i = 0; i < 10; i++) expect(log).toContain(`: Choice ${i}`);
    expect(log.match(/^## D-\d{3}: /gm)).toHaveLength(10);
    expect(new Set(log.match(/^## D-\d{3}/gm)).size).toBe(10);
  });

  it('records links made by hand and validates them', async () => {
    const p = await makeProject({ claudeMd: '# p\nSPEC_ATLASSIAN_URL=https://acme.atlassian.net\nSPEC_CONFLUENCE_SPACE=DEV\n' });
    await p.spec(['new', 'Linked', '--no-branch']);
    p.write('features/001-linked/plan.md', '# Plan\n');
    p.write('features/001-linked/tasks.md', TASKS);
    const before = p.read('features/001-linked/spec.md');
    const r = await p.spec(['link', '--feature=1', '--jira=PROJ-123']);
    expect(r.code).toBe(0);
    const after = p.read('features/001-linked/spec.md');
    expect(after).toContain('jira_id: PROJ-123');
    expect(after).toContain('jira_url: https://acme.atlassian.net/browse/PROJ-123');
    expect(after.slice(after.indexOf('# Feature'))).toBe(before.slice(before.indexOf('# Feature')));
    await p.spec(['link', '--feature=1', '--confluence=789012']);
    expect(p.read('features/001-linked/plan.md')).toContain('confluence_url: https://acme.atlassian.net/wiki/spaces/DEV/pages/789012');
    await p.spec(['link', '--feature=1', '--github=T001:12,T002:13']);
    expect(p.read('features/001-linked/tasks.md')).toContain('github_issues:\n  T001: 12\n  T002: 13');
    const bad = await p.spec(['link', '--feature=1', '--jira=nope']);
    expect(bad.code).toBe(2);
    const status = await p.spec(['status', '--json']);
    expect(JSON.parse(status.stdout).feature.links).toMatchObject({ jira_id: 'PROJ-123', confluence_page_id: '789012', github_issues: { T001: 12, T002: 13 } });
  });
});
