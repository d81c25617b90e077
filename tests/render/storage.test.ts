import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';
import { cdata, markdownToStorage } from '../../scripts/src/trackers/render/storage.js';
import { RICH } from './sample.js';
import { xmlProblems } from './xml-check.js';

describe('markdown → Confluence storage format', () => {
  it('renders headings, lists, tables, code macros, links and inline formatting', () => {
    const xml = markdownToStorage(RICH);
    expect(xml).toContain('<h1>Feature: User Auth</h1>');
    expect(xml).toContain('<h2>Setext Heading</h2>');
    expect(xml).toContain('<strong>bold</strong>');
    expect(xml).toContain('<em>em</em>');
    expect(xml).toContain('<del>gone</del>');
    expect(xml).toContain('<code>code()</code>');
    expect(xml).toContain('<a href="https://example.com/a?b=1&amp;c=2">link</a>');
    expect(xml).toContain('<ul><li>one</li>');
    expect(xml).toContain('<ol start="3">');
    expect(xml).toContain('<ac:task-status>complete</ac:task-status>');
    expect(xml).toContain('<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">typescript</ac:parameter><ac:plain-text-body><![CDATA[');
    expect(xml).toContain('<th style="text-align: left;">Name</th>');
    expect(xml).toContain('<td style="text-align: right;">primary | key</td>');
    expect(xml).toContain('<hr />');
    expect(xml).toContain('<blockquote>');
  });

  it('escapes all raw HTML and drops unsafe link schemes', () => {
    const xml = markdownToStorage(RICH);
    expect(xml).toContain('Raw &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b onclick=&quot;x&quot;&gt;bold&lt;/b&gt;');
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<script|<b[ >]|javascript:/);
    expect(xml).toContain('hard break<br />next line');
    const attack = markdownToStorage('<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<img src=x onerror=alert(1)>]]></ac:plain-text-body></ac:structured-macro>\n\n[x](https://a.test/"><script>)');
    expect(attack).not.toContain('<ac:structured-macro');
    expect(attack).not.toContain('<img');
    expect(xmlProblems(`<root>${attack}</root>`)).toEqual([]);
  });

  it('splits ]]> safely inside code blocks', () => {
    const xml = markdownToStorage('```\na ]]> b ]]]]> c\n```');
    expect(xml).toContain(cdata('a ]]> b ]]]]> c'));
    expect(xml).toContain(']]]]><![CDATA[>');
    const bodies = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    expect(bodies).toBe('a ]]> b ]]]]> c');
  });

  it('always produces well-formed XML', () => {
    const inputs = [RICH, '', '&', '&#0;', 'a\u0001b', '`<`', '**<>**', '| <a> |\n|---|\n| & |', '- [ ] <x>\n- [x] y', '> <q>', '# <h1>', '```\n]]>\n```', '[<b>](https://x.test/?a=<b>&c)'];
    for (const md of inputs) expect([md, xmlProblems(`<root>${markdownToStorage(md)}</root>`)]).toEqual([md, []]);
    for (const file of templates(join(REPO, 'workflow', 'templates'))) {
      expect([file, xmlProblems(`<root>${markdownToStorage(readFileSync(file, 'utf8'))}</root>`)]).toEqual([file, []]);
    }
    // The checker itself can fail.
    expect(xmlProblems('<root><p>a</root>')).not.toEqual([]);
    expect(xmlProblems('<root>a & b</root>')).not.toEqual([]);
  });
});

function templates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? templates(p) : n.endsWith('.md') ? [p] : [];
  });
}
