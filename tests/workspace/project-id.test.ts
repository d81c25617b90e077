// spec init generates the project identity once, into a committed file; a damaged file is one clear line.
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { parseProjectIdentity, projectFileText } from '../../scripts/src/workspace/project-id.js';

describe('project identity', () => {
  it('is generated once by init, is not ignored by git, and differs between projects', async () => {
    const a = await makeProject({ git: true });
    const first = await a.spec(['init']);
    expect(first.stdout).toContain('✓ Created .spec/project.json');
    const text = a.read('.spec/project.json');
    const { id } = parseProjectIdentity(text);
    const again = await a.spec(['init']);
    expect(again.stdout).toContain('Already initialized');
    expect(a.read('.spec/project.json')).toBe(text);
    const ignored = await a.git(['check-ignore', '.spec/project.json']).catch((e: { exitCode: number }) => e);
    expect((ignored as { exitCode: number }).exitCode).toBe(1); // not ignored: it is committed
    const b = await makeProject({ git: true });
    await b.spec(['init']);
    expect(parseProjectIdentity(b.read('.spec/project.json')).id).not.toBe(id);
  });
  it('refuses a damaged file with the file named and how to restore it', async () => {
    expect(parseProjectIdentity(projectFileText('0b8e8a4e-0f5c-4a39-9a57-3c6a1d2e4f10')).id).toBe('0b8e8a4e-0f5c-4a39-9a57-3c6a1d2e4f10');
    expect(() => parseProjectIdentity('{"id": "mine"}')).toThrow(/\.spec\/project\.json does not hold a project id/);
    const p = await makeProject({ git: true });
    p.write('.spec/project.json', '{oops');
    const r = await p.spec(['init']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('✗ .spec/project.json does not hold a project id');
    expect(r.stderr).toContain('git checkout -- .spec/project.json');
    expect(p.read('.spec/project.json')).toBe('{oops');
  });
});
