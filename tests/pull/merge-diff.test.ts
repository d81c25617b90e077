// The three-way merge (real `git merge-file`) and the unified diff (checked against `git diff --no-index`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { mergeThreeWay } from '../../scripts/src/workspace/three-way.js';
import { unifiedDiff } from '../../scripts/src/workspace/unified-diff.js';
import { tempDir } from '../helpers/project.js';

const base = ['# Reset', '', 'Users reset by e-mail.', '', '## Scope', '', '- web', '- mobile', ''].join('\n');

describe('three-way merge', () => {
  it('applies a remote edit to an untouched part and keeps the local edit', async () => {
    const ours = base.replace('- mobile', '- mobile\n- desktop');
    const theirs = base.replace('Users reset by e-mail.', 'Users reset by e-mail or SMS.');
    const r = await mergeThreeWay({ base, ours, theirs });
    expect(r.conflicts).toBe(0);
    expect(r.text).toBe(ours.replace('Users reset by e-mail.', 'Users reset by e-mail or SMS.'));
  });

  it('leaves conflict markers and counts the conflicts when both sides changed the same line', async () => {
    const ours = base.replace('e-mail.', 'e-mail link.');
    const theirs = base.replace('e-mail.', 'SMS code.');
    const r = await mergeThreeWay({ base, ours, theirs, labels: { ours: 'spec.md', base: 'last sync', theirs: 'JIRA PROJ-101' } });
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain('<<<<<<< spec.md\nUsers reset by e-mail link.\n=======\nUsers reset by SMS code.\n>>>>>>> JIRA PROJ-101\n');
    expect(r.text.startsWith('# Reset\n')).toBe(true);
  });

  it('is clean and unchanged when only one side moved', async () => {
    expect(await mergeThreeWay({ base, ours: base, theirs: base })).toEqual({ text: base, conflicts: 0 });
    const theirs = `${base}\nNew remote paragraph.\n`;
    expect((await mergeThreeWay({ base, ours: base, theirs })).text).toBe(theirs);
  });
});

describe('unified diff', () => {
  const cases: Array<[string, string, string]> = [
    ['one changed line', base, base.replace('e-mail.', 'SMS.')],
    ['lines added at the end', base, `${base}- tv\n- car\n`],
    ['a line removed at the start', base, base.slice('# Reset\n'.length)],
    ['two distant hunks', `${base}\n${'filler\n'.repeat(10)}end\n`, `${base.replace('- web', '- www')}\n${'filler\n'.repeat(10)}END\n`],
    ['from empty', '', 'a\nb\n'],
  ];

  it.each(cases)('prints what git diff --no-index prints: %s', async (_name, a, b) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), a);
    writeFileSync(join(dir, 'b'), b);
    const git = await execa('git', ['diff', '--no-index', '--no-color', '-U3', 'a', 'b'], { cwd: dir, reject: false });
    // git adds the nearest preceding line after a hunk header as a hint; we do not.
    const hunks = (s: string) => s.slice(s.indexOf('@@')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
    expect(hunks(unifiedDiff(a, b, { from: 'a/spec.md', to: 'b/spec.md' }))).toBe(hunks(`${git.stdout}\n`));
  });

  it('is empty for equal texts and names both sides in the header', () => {
    expect(unifiedDiff(base, base)).toBe('');
    expect(unifiedDiff('a\n', 'b\n', { from: 'features/003/spec.md', to: 'JIRA PROJ-101' }).split('\n').slice(0, 2)).toEqual(['--- features/003/spec.md', '+++ JIRA PROJ-101']);
  });
});
