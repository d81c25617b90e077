// Remote content back to markdown: ADF → markdown and Confluence storage → markdown. Our own output
// round-trips (markdown → ADF/storage → markdown → ADF/storage is a fixpoint), every node type the
// ADF schema names is converted or kept as a named fenced block, and no text is dropped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToAdf } from '../../scripts/src/trackers/render/adf.js';
import { adfToMarkdown, type AdfIn } from '../../scripts/src/trackers/render/adf-to-markdown.js';
import { parseMarkdown } from '../../scripts/src/trackers/render/markdown.js';
import { normalizeBlocks, writeMarkdown } from '../../scripts/src/trackers/render/markdown-write.js';
import { markdownToStorage } from '../../scripts/src/trackers/render/storage.js';
import { storageToMarkdown } from '../../scripts/src/trackers/render/storage-to-markdown.js';
import { REPO, SHARED } from '../helpers/project.js';
import { RICH } from './sample.js';

const adfSchema = join(SHARED, 'oracles', 'adf-full.schema.json');
const jiraOracle = join(SHARED, 'oracles', 'jira-platform-v3.openapi.json');
if (!existsSync(adfSchema)) console.log(`skipping ADF schema node coverage: ${adfSchema} is absent`);
if (!existsSync(jiraOracle)) console.log(`skipping Jira oracle examples: ${jiraOracle} is absent`);

function templates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? templates(p) : n.endsWith('.md') ? [p] : [];
  });
}

const SAMPLES: Array<[string, string]> = [
  ['rich sample', RICH],
  ...templates(join(REPO, 'workflow', 'templates')).map((f): [string, string] => [f.slice(REPO.length + 1), readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')]),
  ['plain prose', 'A user can reset a password by e-mail.\n\nThe link expires after 1 hour.\n'],
  ['snake and stars', 'Use snake_case_name and 2 * 3 * 4 here, a #hash, 1. not a list at the start? No: mid-line.\n'],
  ['line-start traps', '\\# not a heading\n\n\\- not a list\n\n1\\. not ordered\n\n\\> not a quote\n'],
  ['nested lists', '- a\n  - b\n    1. c\n    2. d\n- e\n\n3. x\n4. y\n'],
  ['tasks', '- [ ] open\n- [x] done\n  - [ ] nested\n'],
  ['code with fences', '````md\n```js\nx\n```\n````\n'],
  ['table with pipes', '| a | b |\n|---|:-:|\n| `x|y` | p \\| q |\n'],
  ['item with blocks', '- item\n\n  second paragraph\n\n  ```sh\n  npm test\n  ```\n- next\n'],
];

const words = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Neighbouring text nodes with the same marks merged, marks in a fixed order: equal ADF renders equally. */
function normalizeAdf(n: AdfIn): AdfIn {
  const out: AdfIn = { ...n };
  if (n.marks) out.marks = [...n.marks].sort((a, b) => a.type.localeCompare(b.type));
  if (n.content) {
    const merged: AdfIn[] = [];
    for (const c of n.content.map(normalizeAdf)) {
      const last = merged[merged.length - 1];
      if (c.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(c.marks ?? [])) merged[merged.length - 1] = { ...last, text: (last.text ?? '') + (c.text ?? '') };
      else merged.push(c);
    }
    out.content = merged;
  }
  return out;
}

function adfTexts(n: AdfIn): string[] {
  return [...(n.text ? [n.text] : []), ...(n.content ?? []).flatMap(adfTexts)];
}

describe('markdown writer', () => {
  it.each(SAMPLES)('parses back to the same blocks: %s', (_name, md) => {
    const blocks = parseMarkdown(md);
    expect(normalizeBlocks(parseMarkdown(writeMarkdown(blocks)))).toEqual(normalizeBlocks(blocks));
  });

  it('escapes only where our parser would read syntax', () => {
    expect(writeMarkdown(parseMarkdown('snake_case_name and 2 * 3'))).toBe('snake_case_name and 2 * 3\n');
    expect(writeMarkdown([{ type: 'paragraph', inline: [{ type: 'text', text: '*not em* and [not](link)' }] }])).toBe('\\*not em\\* and \\[not\\](link)\n');
    expect(writeMarkdown([{ type: 'paragraph', inline: [{ type: 'text', text: '# not a heading' }] }])).toBe('\\# not a heading\n');
  });
});

describe('ADF → markdown', () => {
  it.each(SAMPLES)('round-trips our own ADF: %s', (_name, md) => {
    const adf = markdownToAdf(md);
    const back = adfToMarkdown(adf);
    expect(normalizeAdf(markdownToAdf(back) as AdfIn)).toEqual(normalizeAdf(adf as AdfIn));
  });

  it('converts what a person types in Jira: marks, mentions, emoji, dates, status, cards, panels', () => {
    const doc: AdfIn = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Goal' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ask ' },
            { type: 'mention', attrs: { id: '5b10', text: '@Ana Lima' } },
            { type: 'text', text: ' about ' },
            { type: 'text', text: 'the link', marks: [{ type: 'strong' }, { type: 'link', attrs: { href: 'https://x.test/a b' } }] },
            { type: 'text', text: ' ' },
            { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
            { type: 'text', text: ' by ' },
            { type: 'date', attrs: { timestamp: '1767225600000' } },
            { type: 'text', text: ' ' },
            { type: 'status', attrs: { text: 'BLOCKED', color: 'red' } },
            { type: 'hardBreak' },
            { type: 'text', text: 'underlined', marks: [{ type: 'underline' }] },
            { type: 'text', text: ' ' },
            { type: 'inlineCard', attrs: { url: 'https://x.test/card' } },
          ],
        },
        { type: 'panel', attrs: { panelType: 'warning' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Careful.' }] }] },
      ],
    };
    expect(adfToMarkdown(doc)).toBe(
      [
        '## Goal',
        '',
        'Ask @Ana Lima about [**the link**](https://x.test/a%20b) 😄 by 2026-01-01 \\[BLOCKED\\]\\',
        'underlined [https://x.test/card](https://x.test/card)',
        '',
        '> **Warning:**',
        '>',
        '> Careful.',
        '',
      ].join('\n'),
    );
  });

  it('keeps a node it does not convert as a fenced block naming the node type', () => {
    const media = { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id: 'abc', type: 'file', collection: 'c' } }] };
    const ext = { type: 'inlineExtension', attrs: { extensionKey: 'k', extensionType: 't' } };
    const md = adfToMarkdown({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, ext] }, media] });
    expect(md).toContain('See [inlineExtension]');
    expect(md).toContain('```adf:inlineExtension\n');
    expect(md).toContain('```adf:mediaSingle\n');
    const fenced = parseMarkdown(md).filter((b) => b.type === 'code');
    expect(fenced.map((b) => b.type === 'code' && JSON.parse(b.text))).toEqual([ext, media]);
  });

  it.skipIf(!existsSync(adfSchema))('converts or keeps every node type the ADF schema defines (none dropped)', () => {
    const schema = JSON.parse(readFileSync(adfSchema, 'utf8')) as { definitions: Record<string, { properties?: { type?: { enum?: string[] } } }> };
    const types = new Set(Object.entries(schema.definitions).filter(([k]) => k.endsWith('_node')).map(([, d]) => d.properties?.type?.enum?.[0]).filter((t): t is string => Boolean(t)));
    expect(types.size).toBeGreaterThan(40);
    const silent: string[] = [];
    for (const type of types) {
      if (type === 'doc' || type === 'text' || type === 'hardBreak' || type === 'rule') continue;
      const marker = `marker-${type}`;
      const node: AdfIn = { type, attrs: { text: marker, shortName: marker, url: `https://x.test/${marker}`, timestamp: '0' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: marker }] }] };
      const inBlock = adfToMarkdown({ type: 'doc', content: [node] });
      const inLine = adfToMarkdown({ type: 'doc', content: [{ type: 'paragraph', content: [node] }] });
      for (const md of [inBlock, inLine]) if (!words(md).includes(marker) && !md.includes(`adf:${type}`) && !(type === 'date' && md.includes('1970-01-01'))) silent.push(type);
    }
    expect(silent).toEqual([]);
  });

  it.skipIf(!existsSync(jiraOracle))("converts every ADF example in Jira's published description without losing text", () => {
    const docs: AdfIn[] = [];
    const visit = (x: unknown): void => {
      if (typeof x === 'string' && x.includes('"type":"doc"')) {
        try {
          visit(JSON.parse(x));
        } catch {
          /* not JSON: prose that mentions ADF */
        }
        return;
      }
      if (!x || typeof x !== 'object') return;
      if (Array.isArray(x)) return void x.forEach(visit);
      const o = x as Record<string, unknown>;
      if (o.type === 'doc' && Array.isArray(o.content)) return void docs.push(o as unknown as AdfIn);
      Object.values(o).forEach(visit);
    };
    visit(JSON.parse(readFileSync(jiraOracle, 'utf8')));
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs) {
      const md = words(adfToMarkdown(doc));
      for (const t of adfTexts(doc)) expect(md).toContain(t.trim());
    }
  });
});

describe('Confluence storage → markdown', () => {
  it.each(SAMPLES)('round-trips our own storage: %s', (_name, md) => {
    const storage = markdownToStorage(md);
    expect(markdownToStorage(storageToMarkdown(storage))).toBe(storage);
  });

  it('converts what the Confluence editor writes: entities, spans, macros, page links, layouts', () => {
    const storage = [
      '<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell>',
      '<h2>Scope&nbsp;&amp; goals</h2>',
      '<p>See <ac:link><ri:page ri:content-title="Design notes" /></ac:link> and <a href="https://x.test">this</a>.<br/>Second <span style="color: red;">line</span> <u>u</u></p>',
      '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>Heads up.</p></ac:rich-text-body></ac:structured-macro>',
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">sql</ac:parameter><ac:plain-text-body><![CDATA[select 1 < 2;]]></ac:plain-text-body></ac:structured-macro>',
      '<ul><li><p>one</p><ul><li>nested</li></ul></li><li>two</li></ul>',
      '</ac:layout-cell></ac:layout-section></ac:layout>',
    ].join('\n');
    expect(storageToMarkdown(storage)).toBe(
      ['## Scope\u00a0& goals', '', 'See Design notes and [this](https://x.test).\\', 'Second line u', '', '> **Info:**', '>', '> Heads up.', '', '```sql', 'select 1 < 2;', '```', '', '- one', '  - nested', '- two', ''].join('\n'),
    );
  });

  it('keeps a macro it does not convert as a fenced block naming it, with the original XML', () => {
    const toc = '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>';
    const md = storageToMarkdown(`<p>Intro</p>${toc}<p>After <ac:image><ri:attachment ri:filename="a.png" /></ac:image></p>`);
    expect(md).toContain('```storage:ac:structured-macro:toc\n' + toc + '\n```');
    expect(md).toContain('```storage:ac:image\n<ac:image><ri:attachment ri:filename="a.png" /></ac:image>\n```');
    expect(md).toContain('Intro');
    expect(md).toContain('After');
  });
});
