// Size limits held before sending: whole blocks kept, a closing line says where the full text is,
// and the file URL comes from `git remote` for GitHub and GitLab hosts only.
import { describe, expect, it } from 'vitest';
import { fitBlocks, shortenedNote, splitBlocks } from '../../scripts/src/core/fit-text.js';
import { fileUrl, parseRemote } from '../../scripts/src/core/source-url.js';

describe('fitBlocks', () => {
  const doc = ['# Title', 'First paragraph\nstill first.', '```ts\nconst a = 1;\n\nconst b = 2;\n```', '- one\n- two', `Last. ${'z'.repeat(400)}`].join('\n\n');
  it('splits at blank lines but keeps a fenced block whole', () => {
    expect(splitBlocks(doc)).toEqual(['# Title', 'First paragraph\nstill first.', '```ts\nconst a = 1;\n\nconst b = 2;\n```', '- one\n- two', `Last. ${'z'.repeat(400)}`]);
  });
  it('leaves a text that fits unchanged', () => {
    expect(fitBlocks(doc, (t) => t.length, 10_000, 'NOTE')).toEqual({ text: doc, cut: false, kept: 5, total: 5 });
  });
  it('keeps the most whole blocks that fit with the closing line, by the tracker’s own measure', () => {
    const note = shortenedNote('JIRA', '32,767 characters', 'features/001-x/spec.md', 'https://github.com/o/r/blob/HEAD/features/001-x/spec.md');
    const measure = (t: string) => JSON.stringify({ type: 'doc', t }).length; // a rendered form, longer than the text
    const max = measure(['# Title', 'First paragraph\nstill first.', note].join('\n\n') + '\n') + 3;
    const r = fitBlocks(doc, measure, max, note);
    expect(r, JSON.stringify(r)).toMatchObject({ cut: true, kept: 2, total: 5 });
    expect(r.text).toBe(`# Title\n\nFirst paragraph\nstill first.\n\n${note}\n`);
    expect(measure(r.text)).toBeLessThanOrEqual(max);
    expect(r.text).not.toContain('const a'); // never half a code block
  });
  it('falls back to the closing line alone when no block fits', () => {
    expect(fitBlocks('x'.repeat(100), (t) => t.length, 20, 'cut').text).toBe('cut\n');
  });
});

describe('fileUrl', () => {
  it('reads GitHub and GitLab remotes in scp, https and ssh forms', () => {
    expect(parseRemote('git@github.com:acme/app.git')).toEqual({ host: 'github.com', repoPath: 'acme/app' });
    expect(fileUrl('git@github.com:acme/app.git', 'features/001-a b/spec.md')).toBe('https://github.com/acme/app/blob/HEAD/features/001-a%20b/spec.md');
    expect(fileUrl('https://github.com/acme/app', 'x.md')).toBe('https://github.com/acme/app/blob/HEAD/x.md');
    expect(fileUrl('ssh://git@gitlab.com/group/sub/app.git', 'x.md')).toBe('https://gitlab.com/group/sub/app/-/blob/HEAD/x.md');
    expect(fileUrl('https://gitlab.example.com/g/app.git', 'x.md')).toBe('https://gitlab.example.com/g/app/-/blob/HEAD/x.md');
  });
  it('gives no URL for other hosts, local paths and no remote', () => {
    expect(fileUrl('https://bitbucket.org/acme/app.git', 'x.md')).toBeUndefined();
    expect(fileUrl('/srv/git/app.git', 'x.md')).toBeUndefined();
    expect(fileUrl(undefined, 'x.md')).toBeUndefined();
  });
});
