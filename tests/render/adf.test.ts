import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToAdf, type AdfNode } from '../../scripts/src/trackers/render/adf.js';
import { REPO, SHARED } from '../helpers/project.js';
import { RICH } from './sample.js';

const schemaPath = join(SHARED, 'oracles', 'adf-full.schema.json');
const haveOracle = existsSync(schemaPath);
if (!haveOracle) console.log(`skipping ADF schema validation: ${schemaPath} is absent`);

async function validator(): Promise<(doc: unknown) => string[]> {
  type AjvClass = typeof import('ajv-draft-04').default;
  const mod = (await import('ajv-draft-04')) as unknown as { default: AjvClass | { default: AjvClass } };
  // CJS interop: the class is `default` or `default.default` depending on the loader.
  const Ajv = 'default' in mod.default ? mod.default.default : mod.default;
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).slice(0, 3).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`));
}

function find(node: AdfNode | { content?: AdfNode[] }, type: string): AdfNode[] {
  const out: AdfNode[] = [];
  for (const c of node.content ?? []) {
    if (c.type === type) out.push(c);
    out.push(...find(c, type));
  }
  return out;
}

function templates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? templates(p) : n.endsWith('.md') ? [p] : [];
  });
}

describe('markdown → ADF', () => {
  it('renders every construct into the expected nodes', () => {
    const doc = markdownToAdf(RICH);
    const types = doc.content.map((n) => n.type);
    expect(types[0]).toBe('heading');
    expect(types).toEqual(expect.arrayContaining(['paragraph', 'bulletList', 'orderedList', 'taskList', 'blockquote', 'codeBlock', 'table', 'rule']));
    const code = find(doc, 'codeBlock');
    expect(code[0]?.attrs).toEqual({ language: 'ts' });
    expect(code[0]?.content?.[0]?.text).toContain(']]> tricky & <b>');
    const texts = find(doc, 'text');
    const marked = (t: string) => texts.find((x) => x.text === t)?.marks?.map((m) => m.type);
    expect(marked('bold')).toEqual(['strong']);
    expect(marked('emlink')).toEqual(['strong', 'link', 'em']);
    expect(marked('em')).toEqual(['em']);
    expect(marked('under em')).toEqual(['em']);
    expect(marked('gone')).toEqual(['strike']);
    expect(marked('code()')).toEqual(['code']);
    expect(texts.some((t) => t.text?.includes('snake_case_name'))).toBe(true);
    const tasks = find(doc, 'taskItem');
    expect(tasks.map((t) => t.attrs?.state)).toEqual(['TODO', 'DONE', 'TODO']);
    expect(find(doc, 'orderedList')[1]?.attrs).toEqual({ order: 3 });
    expect(find(doc, 'hardBreak').length).toBeGreaterThan(0);
    // Raw HTML stays text; a javascript: link loses its link.
    expect(texts.some((t) => t.text?.includes('<script>alert(1)</script>'))).toBe(true);
    const hrefs = texts.flatMap((t) => t.marks ?? []).filter((m) => m.type === 'link').map((m) => m.attrs?.href);
    expect(hrefs).not.toContain('javascript:alert(1)');
    expect(hrefs).toContain('https://example.com/a?b=1&c=2');
    const table = find(doc, 'table')[0] as AdfNode;
    expect(table.content?.[0]?.content?.map((c) => c.type)).toEqual(['tableHeader', 'tableHeader', 'tableHeader']);
    expect(JSON.stringify(table)).toContain('primary | key');
  });

  it('is deterministic (the sync hash depends on it)', () => {
    expect(JSON.stringify(markdownToAdf(RICH))).toBe(JSON.stringify(markdownToAdf(RICH)));
  });

  it.skipIf(!haveOracle)('validates against the ADF schema: rich sample, edge cases and every workflow template', async () => {
    const check = await validator();
    expect(check(markdownToAdf(RICH))).toEqual([]);
    const edge = ['', '#', '- ', '- [ ]', '> ', '```\n```', '|a|\n|-|\n', '> - [ ] task in quote', '- # heading in list\n- > quote in list\n- | a |\n  |---|\n  | b |', '**unclosed *em', '[x](<>)'];
    for (const md of edge) expect([md, check(markdownToAdf(md))]).toEqual([md, []]);
    for (const file of templates(join(REPO, 'workflow', 'templates'))) {
      expect([file, check(markdownToAdf(readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')))]).toEqual([file, []]);
    }
    // The validator itself can fail.
    expect(check({ version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] })).not.toEqual([]);
  });
});
