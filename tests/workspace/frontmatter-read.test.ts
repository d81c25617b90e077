// The hot-path frontmatter reader must give exactly what the full YAML parse gives — data, body, body
// line, and the same error for bad input — and must actually skip the YAML library for what we write.
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../scripts/src/workspace/frontmatter.js';
import { flatFrontmatter, readFrontmatter } from '../../scripts/src/workspace/frontmatter-read.js';

const flat = [
  '---\ntitle: Feature 1\n---\n# Feature 1\n',
  '---\ntitle: Feature 1\njira_id: PROJ-12\njira_url: https://x.atlassian.net/browse/PROJ-12\nlinear_id: ENG-3\n---\n\nbody\n',
  '---\ngithub_issues:\n  T001: 12\n  T002: 13\ntitle: x\n---\n- [ ] T001 a\n',
  '---\nconfluence_page_id: 123456\nconfluence_url: http://127.0.0.1:9/wiki/spaces/DEV/pages/123456\n---\n# Plan\n',
  '---\n---\nno keys\n',
  '---\nfeature: 001-x\nnext: /spec:implement --feature=001\nphase: Tasks\n---\n',
  '---\ntitle: a#b [c] {d}, e\n...\nafter dots\n',
  '---\ntitle: trailing   \n---   \nbody',
  '---\nkey-with-dash: value\n---\n',
  '---\nfeature: 5000-feature-5000\nupdated: 2026-12-02T00:48:35.636Z\n---\n# Current session\n',
];

// Each of these must leave the fast path (or be equal anyway) — types, comments, errors, oddities.
const other = [
  '---\ntitle: true\n---\n',
  '---\ntitle: True\n---\n',
  '---\ntitle: null\n---\n',
  '---\ntitle: ~\n---\n',
  '---\ntitle: yes\n---\n',
  '---\nn: 012\n---\n',
  '---\nn: 1-2\n---\n',
  '---\nt: 2026-12-02\n---\n',
  '---\nt: 2026-12-02T00:48:35Z extra\n---\n',
  '---\nt: 2026-12-02 00:48:35\n---\n',
  '---\nn: 1e-5\n---\n',
  '---\nn: 003-\n---\n',
  '---\nn: 0x1F\n---\n',
  '---\nn: 1e3\n---\n',
  '---\nn: 1.5\n---\n',
  '---\nn: -1\n---\n',
  '---\nn: 12345678901234567890\n---\n',
  '---\ntitle: "quoted: yes"\n---\n',
  "---\ntitle: 'single'\n---\n",
  '---\ntitle: a: b\n---\n',
  '---\ntitle: a # comment\n---\n',
  '---\n# comment\ntitle: a\n---\n',
  '---\ntitle: a\n\nother: b\n---\n',
  '---\ntitle: a\ntitle: b\n---\n',
  '---\ngithub_issues:\n  T001: 1\n  T001: 2\n---\n',
  '---\ngithub_issues:\n  T001: 1\n    T002: 2\n---\n',
  '---\ngithub_issues:\n  - 1\n---\n',
  '---\nempty:\n---\n',
  '---\nempty:   \nnext: x\n---\n',
  '---\ntitle: foo\n  bar\n---\n',
  '---\ntitle: [oops\n---\n',
  '---\ntitle: {a: 1}\n---\n',
  '---\ntitle: &a x\nother: *a\n---\n',
  '---\ntitle: !!str 12\n---\n',
  '---\n- a\n- b\n---\n',
  '---\njust a string\n---\n',
  '---\r\ntitle: crlf\r\n---\r\nbody\r\n',
  '---\ntitle: tab\there\n---\n',
  '---js\nmodule.exports = {}\n---\n',
  '---yaml\ntitle: x\n---\n',
  '---\ntitle: no close\n',
  '---\n__proto__: x\n---\n',
  '---\nnull: x\n---\n',
  '---\ntrue:\n  a: 1\n---\n',
  '---\nmap:\n  true: 1\n---\n',
  '---\ntitle: ends with colon:\n---\n',
  '---\ntitle: @reserved\n---\n',
  '---\ntitle: %x\n---\n',
  '---\ntitle: .inf\n---\n',
  'no frontmatter at all\n',
  '',
  '--- \ntitle: space after dashes\n---\n',
];

function outcome(fn: () => { data: unknown; body: string; bodyLine: number }) {
  try {
    const r = fn();
    return { data: r.data, body: r.body, bodyLine: r.bodyLine };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('readFrontmatter (hot-path read)', () => {
  it.each([...flat, ...other])('reads %j exactly as the full parse does', (text) => {
    expect(outcome(() => readFrontmatter(text, 'features/001-x/spec.md'))).toEqual(outcome(() => parseFrontmatter(text, 'features/001-x/spec.md')));
  });

  it.each(flat)('skips the YAML library for the flat form we write: %j', (text) => {
    const r = readFrontmatter(text, 'f.md');
    // The fast path leaves the YAML document to be parsed on demand.
    expect(typeof Object.getOwnPropertyDescriptor(r, 'doc')?.get).toBe('function');
    expect(r.doc?.toJS() ?? {}).toEqual(r.data);
  });

  it('writes flat data that both readers read back unchanged, and declines anything else', () => {
    const data = { feature: '003-user-auth', phase: 'Tasks', next: '/spec:implement --feature=003', session_id: 'abc-1', updated: '2026-12-02T00:48:35.636Z', count: 12 };
    const text = flatFrontmatter(data) as string;
    expect(parseFrontmatter(text, 's.md').data).toEqual(data);
    expect(readFrontmatter(text, 's.md').data).toEqual(data);
    for (const value of ['true', 'a: b', '12', '', ' lead', 'x #y', '2026-12-02', 'null']) expect(flatFrontmatter({ title: value }), value).toBeUndefined();
    expect(flatFrontmatter({ integrations: { jira: { ok: true } } })).toBeUndefined();
  });
});
