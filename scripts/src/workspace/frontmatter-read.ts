// The read path for frontmatter on hot paths (snapshots of every feature: hooks, status, validate,
// audit, dry runs). The frontmatter we write is flat — `key: value` lines and one level of nesting
// (`github_issues:` → `  T001: 12`) — and parsing it through the `yaml` library was most of what those
// paths spent. Here that exact subset is read directly; anything else (comments, quotes, flow
// collections, lists, keywords like `true`/`null`, numbers other than plain decimals, blank lines,
// CRLF, duplicate keys …) goes to parseFrontmatter, so every bad input still gets its named error and
// every value its YAML meaning. tests/workspace/frontmatter-read.test.ts holds the two to the same result.
import type { Document } from 'yaml';
import { parseFrontmatter, type Parsed } from './frontmatter.js';

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const NESTED = /^( +)([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
// A plain scalar that is a string under YAML's core schema: starts with a letter, `_` or `/`, has no
// `: ` or ` #` (mapping value, comment), no tab, no trailing `:`; keywords are excluded below.
const PLAIN = /^[A-Za-z_/](?:(?!: | #|\t).)*$/;
// A feature's directory name (`003-user-auth`): no YAML number has a `-` right after its digits.
const FEATURE_NAME = /^[0-9]+-[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*$/;
// An ISO time as we write them (`updated:`): a string under the core schema, which has no timestamps.
const ISO_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?Z$/;
const KEYWORD = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** A flat scalar's value, or undefined when the full parser must decide. */
function scalar(raw: string): string | number | undefined {
  const v = raw.replace(/ +$/, '');
  if (INT.test(v)) return Number(v);
  if ((PLAIN.test(v) && !v.endsWith(':') && !KEYWORD.test(v)) || FEATURE_NAME.test(v) || ISO_TIME.test(v)) return v;
  return undefined;
}

/** The flat subset's data, or undefined when the block is anything more. */
function flatData(yamlText: string): Record<string, unknown> | undefined {
  if (yamlText.includes('\r')) return undefined;
  const lines = yamlText.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const data: Record<string, unknown> = {};
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i] as string);
    if (!m) return undefined;
    const key = m[1] as string;
    if (key === '__proto__' || KEYWORD.test(key) || Object.hasOwn(data, key)) return undefined;
    if (m[2] !== undefined && m[2].trim() !== '') {
      const value = scalar(m[2]);
      if (value === undefined) return undefined;
      data[key] = value;
      continue;
    }
    // `key:` opens a nested map of flat scalars, all at one indentation (an empty value is not ours).
    const map: Record<string, unknown> = {};
    let indent: string | undefined;
    while (i + 1 < lines.length && (lines[i + 1] as string).startsWith(' ')) {
      const n = NESTED.exec(lines[i + 1] as string);
      if (!n || n[3] === undefined || (indent !== undefined && n[1] !== indent)) return undefined;
      indent = n[1] as string;
      const k = n[2] as string;
      const value = scalar(n[3]);
      if (value === undefined || k === '__proto__' || KEYWORD.test(k) || Object.hasOwn(map, k)) return undefined;
      map[k] = value;
      i += 1;
    }
    if (indent === undefined) return undefined;
    data[key] = map;
  }
  return data;
}

/** parseFrontmatter's result for `text`, read without the YAML library when the block is flat. */
export function readFrontmatter(text: string, display: string): Parsed {
  if (!text.startsWith('---\n')) return parseFrontmatter(text, display);
  const rest = text.slice(4);
  const close = /^---[ \t]*$|^\.\.\.[ \t]*$/m.exec(rest);
  if (!close) return parseFrontmatter(text, display);
  const data = flatData(rest.slice(0, close.index));
  if (!data) return parseFrontmatter(text, display);
  let after = rest.slice(close.index + close[0].length);
  if (after.startsWith('\r\n')) after = after.slice(2);
  else if (after.startsWith('\n')) after = after.slice(1);
  const bodyLine = text.slice(0, text.length - after.length).split('\n').length;
  let doc: Document | undefined;
  return {
    data,
    body: after,
    bodyLine,
    // Only writers use the YAML document; they get it from the full parser, on demand.
    get doc() {
      return (doc ??= parseFrontmatter(text, display).doc);
    },
  };
}

/**
 * The frontmatter block (`---` … `---\n`) for data this reader reads back without the YAML library —
 * flat keys whose values are strings or numbers of the subset above — or undefined (use the YAML writer).
 */
export function flatFrontmatter(data: Record<string, unknown>): string | undefined {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!KEY.test(`${key}:`) || KEYWORD.test(key) || key === '__proto__') return undefined;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
    if (text === undefined || scalar(text) !== value) return undefined;
    lines.push(`${key}: ${text}`);
  }
  return `---\n${lines.map((l) => `${l}\n`).join('')}---\n`;
}
