// Item 1: any title survives `new` → spec.md frontmatter → `status --json`. Thousands of generated titles
// go through the pure writer; a few dozen through the real CLI (each is two processes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../scripts/src/workspace/frontmatter.js';
import { renderDocument } from '../../scripts/src/workspace/templates.js';
import { slugify } from '../../scripts/src/workspace/slug.js';
import { normalizeTitle } from '../../scripts/src/workspace/title.js';
import { yamlString } from '../../scripts/src/workspace/yaml-scalar.js';
import { makeProject, REPO } from '../helpers/project.js';

const TEMPLATE = readFileSync(join(REPO, 'workflow', 'templates', 'spec.md'), 'utf8');
// What breaks YAML or shells: quotes, backslashes, YAML indicators, comments, tabs, newlines, Unicode, emoji.
const POOL = [...'abcXYZ019 ', '"', "'", '\\', ':', ': ', ' #', '#', '-', '*', '&', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '?', '\t', '\n', '\r\n', 'é', 'ß', 'Ω', '中文', '😀', '👩‍💻', '\u00a0', '\u2028', '$(x)', '${HOME}', 'yes', 'null', '~', '0x1F', '---', '...', '{{title}}'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function titles(count: number, seed: number, allowNewlines: boolean): string[] {
  const next = rng(seed);
  const out: string[] = [];
  while (out.length < count) {
    const n = 1 + Math.floor(next() * 12);
    let t = '';
    for (let i = 0; i < n; i++) t += POOL[Math.floor(next() * POOL.length)];
    if (!allowNewlines && /[\r\n\u2028]/.test(t)) continue;
    out.push(t);
  }
  return out;
}

const values = (title: string) => ({ title, id: '001', feature: '001-x', date: '2026-12-01', branch: 'feature/001-x' });

describe('the YAML-safe frontmatter writer', () => {
  it('round-trips 3000 generated titles through the spec template exactly', () => {
    for (const title of titles(3000, 42, true)) {
      let doc = '';
      try { doc = renderDocument(TEMPLATE, values(title), 'spec.md'); } catch (e) { throw new Error(JSON.stringify(title) + String(e)); }
      const parsed = parseFrontmatter(doc, 'spec.md');
      expect(parsed.data.title, JSON.stringify(title)).toBe(title);
      expect(parsed.data.branch).toBe('feature/001-x');
    }
  });

  it('writes the issue\'s titles as valid YAML', () => {
    for (const title of ['Rename the "Save" button', 'Path C:\\temp', 'a: b # c', '- leading dash', '* star', '&anchor', '!tag', 'tab\there', 'two\nlines', 'Ünïcödé 😀']) {
      expect(parseFrontmatter(`---\ntitle: ${yamlString(title)}\n---\n`, 'x').data.title).toBe(title);
    }
  });

  it('drops one pair of surrounding quotes, as slash commands pass them', () => {
    expect(normalizeTitle('"Password reset by e-mail"')).toBe('Password reset by e-mail');
    expect(normalizeTitle("'It''s'")).toBe("It''s");
    expect(normalizeTitle('“Curly”')).toBe('Curly');
    expect(normalizeTitle('""double""')).toBe('"double"');
    expect(normalizeTitle('Rename the "Save" button')).toBe('Rename the "Save" button');
  });
});

describe('spec new → status --json', () => {
  it('keeps a few dozen generated titles exact through the real CLI', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    const usable = titles(400, 7, false).filter((t) => {
      const n = normalizeTitle(t);
      return n && !n.startsWith('/') && !/(^|[\\/])\.\.([\\/]|$)/.test(n) && slugify(n) && n.length <= 200;
    });
    for (const raw of usable.slice(0, 16)) {
      const made = await p.spec(['new', raw, '--no-branch', '--json']);
      expect(made.code, `${JSON.stringify(raw)}: ${made.stdout}${made.stderr}`).toBe(0);
      const name = (JSON.parse(made.stdout) as { feature: { name: string } }).feature.name;
      const status = await p.spec(['status', '--json', `--feature=${name}`]);
      expect(status.code, status.stderr).toBe(0);
      expect((JSON.parse(status.stdout) as { feature: { title: string } }).feature.title, JSON.stringify(raw)).toBe(normalizeTitle(raw));
    }
  }, 180_000);

  it('writes the issue\'s titles so that status, validate and the hooks keep working', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    const quoted = await p.spec(['new', 'Rename the "Save" button', '--no-branch']);
    expect(quoted.code).toBe(0);
    const path = await p.spec(['new', 'Path C:\\temp', '--no-branch']);
    expect(path.code).toBe(0);
    const readme = await p.spec(['new', '"Password reset by e-mail"', '--no-branch']);
    expect(readme.code).toBe(0);
    const stdin = await p.spec(['new', '--stdin', '--no-branch', '--json'], { input: `It's "quoted" \\ and $(not run)\n` });
    expect(stdin.code, stdin.stderr).toBe(0);
    const status = JSON.parse((await p.spec(['status', '--json', '--feature=4'])).stdout) as { feature: { title: string } };
    expect(status.feature.title).toBe(`It's "quoted" \\ and $(not run)`);
    const titlesNow = await Promise.all([1, 2, 3].map(async (n) => (JSON.parse((await p.spec(['status', '--json', `--feature=${n}`])).stdout) as { feature: { title: string } }).feature.title));
    expect(titlesNow).toEqual(['Rename the "Save" button', 'Path C:\\temp', 'Password reset by e-mail']);
    const validate = await p.spec(['validate', '--all']);
    expect(validate.stdout + validate.stderr).not.toContain('invalid YAML');
    const stop = await p.spec(['hook', 'stop'], { input: '{}' });
    expect(stop.stdout).not.toContain('invalid YAML');
  }, 120_000);

  it('leaves nothing half-made when the document cannot be written', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'First', '--no-branch']);
    p.write('.spec/templates/spec.md', '---\ntitle: "{{title}}"\nbroken: [unclosed\n---\n# {{title}}\n');
    const r = await p.spec(['new', 'Second', '--no-branch']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('✓');
    expect(r.stderr).toContain('invalid YAML');
    expect(() => p.read('features/002-second/spec.md')).toThrow();
    const status = JSON.parse((await p.spec(['status', '--json'])).stdout) as { feature: { name: string }; features: number };
    expect(status.features).toBe(1);
    expect(status.feature.name).toBe('001-first');
  });
});
