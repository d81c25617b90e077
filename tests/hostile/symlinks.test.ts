// A cloned repository can carry symlinks that lead out of the project. Nothing outside it is read for
// publishing or written: each case is one clear line, and the file outside is untouched.
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, tempDir } from '../helpers/project.js';

function outsideDir(): { dir: string; file: string } {
  const dir = tempDir('spec-outside-');
  const file = join(dir, 'victim.txt');
  writeFileSync(file, 'ORIGINAL\n');
  return { dir, file };
}

const BAD_API = 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\n';

describe('the project is a boundary', () => {
  it('does not append to an integration-errors.log linked outside the project', async () => {
    const out = outsideDir();
    const p = await makeProject({ claudeMd: '# project\n' });
    p.write('features/001-x/spec.md', '# X\n');
    p.write('features/001-x/openapi.yaml', BAD_API);
    mkdirSync(join(p.root, '.spec-state'));
    symlinkSync(out.file, join(p.root, '.spec-state/integration-errors.log'));
    const r = await p.spec(['validate', '--openapi']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/\.spec-state\/integration-errors\.log (is a symbolic link|resolves outside the project)/);
    expect(readFileSync(out.file, 'utf8')).toBe('ORIGINAL\n');
  });

  it.each(['features', '.spec-state', '.spec-memory'])('does not write into a linked %s/ folder', async (name) => {
    const out = outsideDir();
    const p = await makeProject({ claudeMd: '# project\n' });
    symlinkSync(out.dir, join(p.root, name));
    const r = await p.spec(name === '.spec-memory' ? ['decision', 'Use REST'] : ['new', 'Thing']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(new RegExp(`${name.replace('.', '\\.')}/?\\S* resolves outside the project`));
    expect(readdirSync(out.dir)).toEqual(['victim.txt']);
  });

  it('does not publish a plan.md linked to a file outside the project', async () => {
    const out = outsideDir();
    writeFileSync(out.file, '# Plan\n\nOUTSIDE-CONTENT\n');
    const p = await makeProject({ claudeMd: '# project\n' });
    p.write('features/001-x/spec.md', '# X\n');
    symlinkSync(out.file, join(p.root, 'features/001-x/plan.md'));
    const r = await p.spec(['export', 'plan', '--format=confluence', '--feature=1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('features/001-x/plan.md resolves outside the project');
    expect(r.stdout).not.toContain('OUTSIDE-CONTENT');
  });

  it('init edits a CLAUDE.md → AGENTS.md link through its target, and refuses a target outside', async () => {
    const p = await makeProject();
    p.write('AGENTS.md', '# Agents\n');
    symlinkSync('AGENTS.md', join(p.root, 'CLAUDE.md'));
    await p.git(['init', '-q']);
    const r = await p.spec(['init']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(p.root, 'CLAUDE.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(p.root, 'AGENTS.md'), 'utf8')).toMatch(/# Agents[\s\S]*SPEC_/);

    const out = outsideDir();
    const q = await makeProject();
    await q.git(['init', '-q']);
    symlinkSync(out.file, join(q.root, 'CLAUDE.md'));
    const s = await q.spec(['init']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain('CLAUDE.md resolves outside the project');
    expect(readFileSync(out.file, 'utf8')).toBe('ORIGINAL\n');
    expect(existsSync(join(q.root, 'CLAUDE.md'))).toBe(true);
  });
});
