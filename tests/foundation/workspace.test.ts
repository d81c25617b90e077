import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../scripts/src/workspace/slug.js';
import { parseFrontmatter, updateFrontmatter } from '../../scripts/src/workspace/frontmatter.js';
import { parseTasks, setTaskDone } from '../../scripts/src/workspace/tasks.js';
import { makeProject } from '../helpers/project.js';

describe('slugs', () => {
  it('folds Unicode to ASCII and caps the length', () => {
    expect(slugify('Ünïcode Usér Authentication')).toBe('unicode-user-authentication');
    expect(slugify('Straße & Æther: Łódź')).toBe('strasse-aether-lodz');
    expect(slugify('x'.repeat(30) + ' ' + 'y'.repeat(30)).length).toBeLessThanOrEqual(48);
    expect(slugify('日本語')).toBe('');
  });
});

describe('frontmatter', () => {
  const text = '---\ntitle: Auth # keep me\ncustom:\n  nested: [1, 2]\n---\n# Body\n\nUnchanged  \n';
  it('keeps the body byte for byte and unknown keys with their comments', () => {
    const out = updateFrontmatter(text, 'spec.md', { jira_id: 'PROJ-1' });
    expect(out.endsWith('# Body\n\nUnchanged  \n')).toBe(true);
    expect(out).toContain('title: Auth # keep me');
    expect(out).toContain('nested: [ 1, 2 ]');
    expect(parseFrontmatter(out, 'spec.md').data).toMatchObject({ title: 'Auth', jira_id: 'PROJ-1', custom: { nested: [1, 2] } });
  });
  it('adds frontmatter to a file that has none', () => {
    expect(updateFrontmatter('# Body\n', 'x.md', { a: 1 })).toBe('---\na: 1\n---\n# Body\n');
  });
  it('refuses ---js frontmatter instead of running it', () => {
    expect(() => parseFrontmatter('---js\n{ a: require("fs") }\n---\n', 'spec.md')).toThrow(/spec\.md:1: frontmatter language 'js' is not allowed/);
  });
  it('names the line of a YAML error', () => {
    expect(() => parseFrontmatter('---\ntitle: ok\nbad: [unclosed\n---\nbody', 'f/spec.md')).toThrow(/^f\/spec\.md:\d+: invalid YAML in frontmatter/);
  });
});

describe('tasks.md parser', () => {
  it('reads ids, checkboxes, [P], stories, priorities, files and dependencies', () => {
    const tasks = parseTasks('# Tasks\n- [ ] T001 [P] [US1] P1 Create model (src/model.ts) (depends on T000, T002)\n- [x] T002 Write docs\n* [X] T003 [US2] [US3] P3 Wire it (src/a.ts, src/b.ts)\n- [ ] not a task\n');
    expect(tasks).toEqual([
      { id: 'T001', done: false, parallel: true, stories: ['US1'], priority: 'P1', description: 'Create model', files: ['src/model.ts'], dependsOn: ['T000', 'T002'], line: 2 },
      { id: 'T002', done: true, parallel: false, stories: [], description: 'Write docs', files: [], dependsOn: [], line: 3 },
      { id: 'T003', done: true, parallel: false, stories: ['US2', 'US3'], priority: 'P3', description: 'Wire it', files: ['src/a.ts', 'src/b.ts'], dependsOn: [], line: 4 },
    ]);
  });
  it('flips exactly one checkbox', () => {
    const body = '- [ ] T001 a\n- [ ] T010 b\n';
    expect(setTaskDone(body, 'T010', true)).toBe('- [ ] T001 a\n- [x] T010 b\n');
    expect(setTaskDone(body, 'T999', true)).toBeUndefined();
  });
});

describe('features and numbering', () => {
  it('numbers features highest + 1 and resolves --feature by number, name or slug', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    mkdirSync(join(p.root, 'features', '007-old-thing'), { recursive: true });
    const r = await p.spec(['new', 'Password reset', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).feature.name).toBe('008-password-reset');
    for (const q of ['8', '008', '008-password-reset', 'password-reset']) {
      const s = await p.spec(['status', `--feature=${q}`, '--json']);
      expect(JSON.parse(s.stdout).feature.name, q).toBe('008-password-reset');
    }
  });

  it('never gives two concurrent `new` processes the same number', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => p.spec(['new', `Parallel ${i}`, '--json'])));
    expect(runs.every((r) => r.code === 0)).toBe(true);
    const numbers = readdirSync(join(p.root, 'features')).map((n) => n.slice(0, 3));
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.sort()).toEqual(['001', '002', '003', '004', '005', '006', '007', '008']);
  });

  it('rejects path-like titles and features without writing outside the project', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    for (const bad of ['../escape', '/etc/passwd', 'a/../../b']) {
      const r = await p.spec(['new', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('looks like a path');
      const s = await p.spec(['status', `--feature=${bad}`]);
      expect(s.code).toBe(2);
    }
    expect(existsSync(join(p.root, 'features'))).toBe(false);
    expect(existsSync(join(p.root, '..', 'escape'))).toBe(false);
  });

  it('says clearly when a --feature does not exist', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Only one', '--no-branch']);
    const r = await p.spec(['task', 'done', 'T001', '--feature=42']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("feature '42' not found under features/ (known: 001-only-one)");
  });

  it('tolerates gaps and duplicate numbers, continuing after the highest', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    for (const d of ['001-a', '003-b', '003-c']) mkdirSync(join(p.root, 'features', d), { recursive: true });
    const r = await p.spec(['new', 'Next one', '--json']);
    expect(JSON.parse(r.stdout).feature.name).toBe('004-next-one');
    const amb = await p.spec(['status', '--feature=3']);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('--feature 3 is ambiguous: 003-b, 003-c');
  });
});

describe('reading and writing user files', () => {
  it('names the file and line of invalid UTF-8', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Bytes', '--no-branch']);
    writeFileSync(join(p.root, 'features/001-bytes/tasks.md'), Buffer.concat([Buffer.from('# Tasks\n- [ ] T001 ok\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    writeFileSync(join(p.root, 'features/001-bytes/plan.md'), '# Plan\n');
    const r = await p.spec(['task', 'done', 'T001']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('✗ features/001-bytes/tasks.md:3: not valid UTF-8; re-save the file with UTF-8 encoding');
  });

  it('reports frontmatter YAML errors with file and line, without a stack trace', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Yaml', '--no-branch']);
    p.write('features/001-yaml/plan.md', '# Plan\n');
    p.write('features/001-yaml/tasks.md', '---\ngithub_issues: {T001: 1\n---\n- [ ] T001 a\n');
    const r = await p.spec(['task', 'done', 'T001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^✗ features\/001-yaml\/tasks\.md:\d+: invalid YAML in frontmatter/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const debug = await p.spec(['task', 'done', 'T001'], { env: { SPEC_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('refuses to overwrite a read-only tasks.md and leaves it intact', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Locked', '--no-branch']);
    p.write('features/001-locked/plan.md', '# Plan\n');
    p.write('features/001-locked/tasks.md', '- [ ] T001 a\n');
    const file = join(p.root, 'features/001-locked/tasks.md');
    chmodSync(file, 0o444);
    const r = await p.spec(['task', 'done', 'T001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('features/001-locked/tasks.md: permission denied');
    expect(p.read('features/001-locked/tasks.md')).toBe('- [ ] T001 a\n');
    expect(readdirSync(join(p.root, 'features/001-locked')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
