// Items 2 and 3: the first five minutes end on a feature branch; numbers are unique across branches; two
// feature branches merge without conflict.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, makeProject, tempDir } from '../helpers/project.js';

describe('new switches to the feature branch whenever git can', () => {
  it('works in a fresh `git init` repository right after init (no commit yet, CLAUDE.md changed)', async () => {
    const p = await makeProject();
    await p.git(['init', '-q', '-b', 'main']);
    expect((await p.spec(['init'])).code).toBe(0);
    const r = await p.spec(['new', 'Save bookmarks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Switched to new branch feature/001-save-bookmarks');
    expect((await p.git(['branch', '--show-current'])).stdout).toBe('feature/001-save-bookmarks');
    expect((await p.spec(['validate'])).code).toBe(0);
  });

  it('carries uncommitted changes to tracked files along, as git switch -c does', async () => {
    const p = await makeProject({ git: true, claudeMd: '# p\n' });
    await p.git(['add', 'CLAUDE.md']);
    await p.git(['commit', '-qm', 'c']);
    await p.spec(['init']);
    const r = await p.spec(['new', 'Dirty tree']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Switched to new branch feature/001-dirty-tree');
    expect((await p.git(['branch', '--show-current'])).stdout).toBe('feature/001-dirty-tree');
    expect((await p.git(['status', '--porcelain'])).stdout).toContain(' M CLAUDE.md');
  });

  it('declines only when git refuses, saying why, and the feature is still made', async () => {
    const p = await makeProject({ git: true });
    p.write('a.txt', 'base\n');
    await p.git(['add', 'a.txt']);
    await p.git(['commit', '-qm', 'base']);
    await p.git(['switch', '-qc', 'other']);
    p.write('a.txt', 'other\n');
    await p.git(['commit', '-qam', 'other']);
    await p.git(['switch', '-q', 'main']);
    p.write('a.txt', 'main\n');
    await p.git(['commit', '-qam', 'main']);
    await p.git(['merge', 'other']).catch(() => undefined); // leaves a conflict in progress
    const r = await p.spec(['new', 'Mid merge']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Branch: git could not create feature/001-mid-merge:');
    expect(r.stdout).toContain('git switch -c feature/001-mid-merge');
    expect(existsSync(join(p.root, 'features/001-mid-merge/spec.md'))).toBe(true);
  });

  it('init says what it changed in CLAUDE.md', async () => {
    const p = await makeProject({ claudeMd: '# Mine\n' });
    const r = await p.spec(['init']);
    expect(r.stdout).toContain('✓ Updated CLAUDE.md: appended the integration settings block');
    expect(r.stdout).toContain('nothing else changed');
    expect(p.read('.gitattributes')).toContain('.spec-memory/DECISIONS-LOG.md merge=union');
    expect(p.read('.gitignore')).toContain('.spec-memory/WORKFLOW-PROGRESS.md');
  });
});

describe('feature numbers across branches', () => {
  it('never reuses a number held by an unmerged local branch', async () => {
    const p = await makeProject({ git: true });
    await p.spec(['init']);
    await p.git(['add', '-A']);
    await p.git(['commit', '-qm', 'init']);
    await p.spec(['new', 'Save bookmarks']);
    await p.git(['add', '-A']);
    await p.git(['commit', '-qm', 'a']);
    await p.git(['switch', '-q', 'main']);
    const r = await p.spec(['new', 'Tag bookmarks', '--no-branch']);
    expect(r.stdout).toContain('features/002-tag-bookmarks/spec.md');
  });

  it('sees remote-tracking branches by name and by the features/ in their tree', async () => {
    const remote = tempDir('spec-remote-');
    await execa('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: cleanEnv() });
    const other = tempDir('spec-other-');
    const g = (args: string[], cwd = other) => execa('git', args, { cwd, env: cleanEnv(), extendEnv: false });
    await g(['clone', '-q', remote, '.']);
    await g(['commit', '-q', '--allow-empty', '-m', 'root']);
    await g(['push', '-q', 'origin', 'HEAD:main']);
    await g(['switch', '-qc', 'feature/005-named-only']);
    await g(['commit', '-q', '--allow-empty', '-m', 'x']);
    await g(['push', '-q', 'origin', 'feature/005-named-only']);
    await g(['switch', '-qc', 'wip', 'main']);
    await execa('mkdir', ['-p', join(other, 'features/007-in-tree-only')]);
    await execa('sh', ['-c', 'echo "# x" > features/007-in-tree-only/spec.md'], { cwd: other });
    await g(['add', '-A']);
    await g(['commit', '-qm', 'tree']);
    await g(['push', '-q', 'origin', 'wip']);

    const p = await makeProject();
    await execa('git', ['clone', '-q', remote, p.root], { env: cleanEnv(), extendEnv: false });
    const r = await p.spec(['new', 'Mine', '--no-branch']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('features/008-mine/spec.md');
  });

  it('status warns when two features share a number (two branches merged)', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-save-bookmarks/spec.md', '# Save\n');
    p.write('features/001-tag-bookmarks/spec.md', '# Tag\n');
    const r = await p.spec(['status']);
    expect(r.stderr).toContain('number 001 is used by 001-save-bookmarks and 001-tag-bookmarks');
  });
});

describe('two feature branches made by new / task done / decision', () => {
  it('merge into main with no conflict', async () => {
    const p = await makeProject({ git: true });
    await p.spec(['init']);
    await p.git(['add', '-A']);
    await p.git(['commit', '-qm', 'init']);
    const tasks = '---\ntitle: T\n---\n# Tasks\n\n- [ ] T001 First\n- [ ] T002 Second\n';
    for (const [title, slug] of [['Save bookmarks', '001-save-bookmarks'], ['Tag bookmarks', '002-tag-bookmarks']] as const) {
      await p.git(['switch', '-q', 'main']);
      expect((await p.spec(['new', title])).code).toBe(0);
      p.write(`features/${slug}/plan.md`, '# Plan\n');
      p.write(`features/${slug}/tasks.md`, tasks);
      expect((await p.spec(['task', 'done', 'T001'])).code).toBe(0);
      expect((await p.spec(['decision', `Decided for ${title}`, '--body=Because.'])).code).toBe(0);
      await p.spec(['hook', 'stop'], { input: '{}' });
      await p.git(['add', '-A']);
      await p.git(['commit', '-qm', title]);
    }
    await p.git(['switch', '-q', 'main']);
    await p.git(['merge', '-q', '--no-edit', 'feature/001-save-bookmarks']);
    const second = await execa('git', ['merge', '--no-edit', 'feature/002-tag-bookmarks'], { cwd: p.root, env: cleanEnv(), extendEnv: false, reject: false });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    const log = p.read('.spec-memory/DECISIONS-LOG.md');
    expect(log).toContain('Decided for Save bookmarks');
    expect(log).toContain('Decided for Tag bookmarks');
    expect(log).not.toContain('<<<<<<<');
    expect((await p.spec(['status'])).stderr).not.toContain('Warning');
  });
});
