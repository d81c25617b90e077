// Hostile files: alias bombs, leftovers of killed writers, link values that would reach other endpoints.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedLink } from '../../scripts/src/workspace/links.js';
import { makeProject } from '../helpers/project.js';

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');

describe('hostile files', () => {
  it('an alias bomb in frontmatter is refused with the file named', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    p.write('features/001-x/spec.md', `---\n${BOMB}\n---\n# X\n`);
    const r = await p.spec(['export', 'spec', '--format=jira', '--feature=1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/features\/001-x\/spec\.md:2: invalid YAML in frontmatter: .*alias/i);
  });

  it('sweeps .tmp files of killed writers and stale claim folders on the next run', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    expect((await p.spec(['new', 'First'])).code).toBe(0);
    const dir = join(p.root, 'features/001-first');
    // A writer killed before its rename (pid 999999 does not exist) and a `new` killed holding number 2.
    writeFileSync(join(dir, '.spec.md.999999.abc123.tmp'), 'half');
    const claim = join(p.root, 'features/.002.claim');
    mkdirSync(claim);
    const old = new Date(Date.now() - 60_000);
    utimesSync(claim, old, old);
    expect((await p.spec(['new', 'Second'])).code).toBe(0);
    expect(existsSync(claim)).toBe(false);
    expect(readdirSync(join(p.root, 'features'))).toContain('002-second');
    await p.spec(['link', '--feature=1', '--jira=PROJ-1']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('link values from frontmatter are shape-checked and encoded', () => {
    expect(checkedLink('jira', '..', 'features/001-x/spec.md')).toEqual({
      problem: 'features/001-x/spec.md: jira_id ".." is not an issue key such as PROJ-123; fix it or remove the line, then run spec sync',
    });
    expect(checkedLink('confluence', '../../rest/api/space', 'features/001-x/plan.md')).toHaveProperty('problem');
    expect(checkedLink('linear', 'ENG-4?x=1', 'f')).toHaveProperty('problem');
    expect(checkedLink('confluence', 123456, 'f')).toEqual({ id: '123456', segment: '123456' });
    expect(checkedLink('jira', ' PROJ-7 ', 'f')).toEqual({ id: 'PROJ-7', segment: 'PROJ-7' });
  });
});
