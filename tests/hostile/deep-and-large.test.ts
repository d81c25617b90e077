// Hostile documents: 5,000 levels of nesting and a 50 MB spec. Each fails fast with one line naming the
// file and the limit, in bounded memory, instead of "Maximum call stack size exceeded" or gigabytes.
import { openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, MAX_NESTING } from '../../scripts/src/trackers/render/markdown.js';
import { markdownToAdf } from '../../scripts/src/trackers/render/adf.js';
import { markdownToStorage } from '../../scripts/src/trackers/render/storage.js';
import { makeProject } from '../helpers/project.js';

const quotes = (n: number) => `${'> '.repeat(n)}deep\n`;
/** Indented lists: `n` levels, two spaces each. */
const lists = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
const links = (n: number) => `${'['.repeat(n)}x${'](https://example.test)'.repeat(n)}`;


describe('renderers are depth-capped', () => {
  it.each([
    ['blockquotes', quotes(5000)],
    ['nested lists on one line', `${'- '.repeat(5000)}x\n`],
    ['ordered lists on one line', `${'1. '.repeat(5000)}x\n`],
    ['indented lists', lists(1000)],
    ['nested link labels', links(5000)],
  ])('refuses thousands of levels of %s with a clear message, fast', (_name, text) => {
    const started = Date.now();
    expect(() => parseMarkdown(text)).toThrow(`nesting deeper than ${MAX_NESTING} levels`);
    expect(() => markdownToAdf(text)).toThrow(/nesting deeper/);
    expect(() => markdownToStorage(text)).toThrow(/nesting deeper/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('still renders ordinary nesting (20 levels)', () => {
    expect(JSON.stringify(markdownToAdf(`${quotes(20)}\n${lists(20)}`))).toContain('level 19');
  });
});

describe('export names the file and the limit', () => {
  it('refuses a deeply nested spec.md with the file name, not a stack overflow', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    p.write('features/001-x/spec.md', `# X\n\n${quotes(5000)}`);
    const r = await p.spec(['export', 'spec', '--format=adf', '--feature=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`features/001-x/spec.md: nesting deeper than ${MAX_NESTING} levels`);
    expect(r.stderr).not.toMatch(/Maximum call stack|unexpected error/);
  });

  it('refuses a 50 MB spec.md at once, in bounded memory', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    p.write('features/001-x/spec.md', '# X\n\n');
    const fd = openSync(join(p.root, 'features/001-x/spec.md'), 'a');
    const chunk = Buffer.from('Lorem ipsum dolor sit amet, **consectetur** adipiscing elit.\n'.repeat(16384));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    // The child reports its own peak RSS through an --import preload (GNU time is not everywhere).
    const started = Date.now();
    const r = await p.spec(['export', 'spec', '--format=adf', '--feature=1'], {
      env: { NODE_OPTIONS: `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('RSS_MB='+Math.round(process.resourceUsage().maxRSS/1024)+'\\n'))` },
    });
    const ms = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/features\/001-x\/spec\.md is 5\d MB, above the 10 MB limit/);
    const rss = Number(/RSS_MB=(\d+)/.exec(r.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(300);
    expect(ms).toBeLessThan(10_000);
  });
});
