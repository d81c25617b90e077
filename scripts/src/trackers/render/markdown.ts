// A small markdown tokenizer for the documents we publish: blocks (headings, paragraphs, lists with
// nesting and task items, fenced code, blockquotes, tables, rules) and inlines (strong, em, code,
// strike, links, hard breaks). Raw HTML is NOT interpreted: it stays literal text, and each renderer
// escapes text for its target, so a spec cannot inject markup into a tracker.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'strike'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export interface ListItem {
  /** undefined: a plain item; true/false: a task item, checked or not. */
  checked?: boolean;
  children: Block[];
}

export type Block =
  | { type: 'heading'; level: number; inline: Inline[] }
  | { type: 'paragraph'; inline: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'table'; align: Array<'left' | 'center' | 'right' | undefined>; header: Inline[][]; rows: Inline[][][] }
  | { type: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const LIST = /^( *)([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
const TABLE_DELIM = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Deeper nesting than this is no real document; a hostile one (5,000 quotes) would overflow the stack. */
export const MAX_NESTING = 100;
/** Trackers take far less per item (a JIRA description holds 32,767 characters); bounded memory when rendering. */
export const MAX_MARKDOWN_CHARS = 2 * 1024 * 1024;

/** A document the renderers refuse; the caller names the file. */
export class MarkdownLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarkdownLimitError';
  }
}

const tooDeep = (): never => {
  throw new MarkdownLimitError(`nesting deeper than ${MAX_NESTING} levels (blockquotes, lists or emphasis); flatten it`);
};

const isBlank = (line: string) => /^[ \t]*$/.test(line);
const expandTabs = (line: string) => line.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));

/** Parse markdown (frontmatter already removed) into blocks. */
export function parseMarkdown(text: string): Block[] {
  if (text.length > MAX_MARKDOWN_CHARS) {
    throw new MarkdownLimitError(`${(text.length / 1024 / 1024).toFixed(1)} MB of text, above the ${MAX_MARKDOWN_CHARS / 1024 / 1024} MB a tracker item can take; split the document`);
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(expandTabs);
  scanDepth(lines);
  return parseBlocks(lines, 0);
}

/**
 * One cheap pass that refuses deep quotes and deep indented lists before the recursive parse, which
 * walks the remaining lines once per level (1,000 levels took seconds even with the cap in place).
 * The parse keeps its own depth check for what this scan cannot see (`- - - x` on one line).
 */
function scanDepth(lines: readonly string[]): void {
  const open: number[] = []; // content columns of the list items the current line may belong to
  for (const line of lines) {
    const quotes = /^(?: {0,3}>)*/.exec(line)?.[0] ?? '';
    if (quotes.split('>').length - 1 > MAX_NESTING) tooDeep();
    const m = listMarker(quotes ? line.slice(quotes.length).replace(/^ /, '') : line);
    if (!m) {
      if (!isBlank(line) && !/^\s/.test(line)) open.length = 0;
      continue;
    }
    while (open.length && (open[open.length - 1] as number) > m.indent) open.pop();
    open.push(m.contentIndent);
    if (open.length > MAX_NESTING) tooDeep();
  }
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || listMarker(line) !== undefined;
}

interface Marker {
  indent: number;
  ordered: boolean;
  bullet: string;
  start: number;
  /** Column where the item's content starts. */
  contentIndent: number;
  rest: string;
}

function listMarker(line: string): Marker | undefined {
  const m = LIST.exec(line);
  if (!m) return undefined;
  const indent = (m[1] as string).length;
  const marker = m[2] as string;
  const ordered = /\d/.test(marker);
  const gap = m[3] ?? '';
  const spaces = gap.length - gap.trimStart().length;
  const rest = m[4] ?? '';
  // Up to 4 spaces after the marker belong to it; more means indented content.
  const contentIndent = indent + marker.length + (rest === '' ? 1 : Math.min(Math.max(spaces, 1), 4));
  return { indent, ordered, bullet: ordered ? marker.slice(-1) : marker, start: ordered ? Number.parseInt(marker, 10) : 1, contentIndent, rest };
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '`') {
      inCode = !inCode;
      cur += c;
    } else if (c === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

function parseBlocks(lines: string[], depth: number): Block[] {
  if (depth > MAX_NESTING) tooDeep();
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const mark = fence[1] as string;
      const indent = line.length - line.trimStart().length;
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const l = lines[i] as string;
        const t = l.trim();
        if (t.startsWith(mark[0] as string) && new RegExp(`^\\${mark[0]}{${mark.length},}$`).test(t)) {
          i++;
          break;
        }
        body.push(l.replace(new RegExp(`^ {0,${indent}}`), ''));
        i++;
      }
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      blocks.push({ type: 'heading', level: (atx[1] as string).length, inline: parseInline(atx[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(lines[i] as string)) {
        const q = QUOTE.exec(lines[i] as string);
        if (q) inner.push(q[1] as string);
        else if (startsBlock(lines[i] as string)) break;
        else inner.push(lines[i] as string); // lazy continuation
        i++;
      }
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const marker = listMarker(line);
    if (marker) {
      i = parseList(lines, i, marker, blocks, depth);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DELIM.test(lines[i + 1] as string) && (lines[i + 1] as string).includes('-')) {
      const header = splitRow(line);
      const delims = splitRow(lines[i + 1] as string);
      if (delims.length === header.length) {
        const align = delims.map((d) => (d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : undefined));
        i += 2;
        const rows: Inline[][][] = [];
        while (i < lines.length && !isBlank(lines[i] as string) && (lines[i] as string).includes('|') && !startsBlock(lines[i] as string)) {
          const cells = splitRow(lines[i] as string);
          rows.push(header.map((_, c) => parseInline(cells[c] ?? '')));
          i++;
        }
        blocks.push({ type: 'table', align: header.map((_, c) => align[c]), header: header.map((h) => parseInline(h)), rows });
        continue;
      }
    }
    // Paragraph: until a blank line or another block starts; `===`/`---` under it makes a heading.
    const para: string[] = [line.trimStart()];
    i++;
    let setext = 0;
    while (i < lines.length) {
      const l = lines[i] as string;
      if (isBlank(l)) break;
      const s = SETEXT.exec(l);
      if (s) {
        setext = (s[1] as string).startsWith('=') ? 1 : 2;
        i++;
        break;
      }
      if (startsBlock(l)) break;
      para.push(l.trimStart());
      i++;
    }
    const joined = para.join('\n').trimEnd();
    blocks.push(setext ? { type: 'heading', level: setext, inline: parseInline(joined) } : { type: 'paragraph', inline: parseInline(joined) });
  }
  return blocks;
}

function parseList(lines: string[], from: number, first: Marker, out: Block[], depth: number): number {
  const items: ListItem[] = [];
  let i = from;
  let marker: Marker | undefined = first;
  while (marker && marker.ordered === first.ordered && marker.bullet === first.bullet && marker.indent < first.contentIndent) {
    const body: string[] = [marker.rest];
    const contentIndent = marker.contentIndent;
    i++;
    while (i < lines.length) {
      const l = lines[i] as string;
      if (isBlank(l)) {
        // A blank line continues the item only when indented content follows.
        let j = i;
        while (j < lines.length && isBlank(lines[j] as string)) j++;
        const next = lines[j];
        if (next !== undefined && next.length - next.trimStart().length >= contentIndent) {
          for (; i < j; i++) body.push('');
          continue;
        }
        break;
      }
      const indent = l.length - l.trimStart().length;
      if (indent >= contentIndent) {
        body.push(l.slice(contentIndent));
        i++;
        continue;
      }
      if (listMarker(l) || startsBlock(l)) break;
      body.push(l.trim()); // lazy continuation of the item's paragraph
      i++;
    }
    let checked: boolean | undefined;
    const task = /^\[([ xX])\](?:[ \t]+|$)/.exec(body[0] as string);
    if (task) {
      checked = task[1] !== ' ';
      body[0] = (body[0] as string).slice(task[0].length);
    }
    items.push({ ...(checked === undefined ? {} : { checked }), children: parseBlocks(body, depth + 1) });
    const next = lines[i];
    marker = next === undefined ? undefined : listMarker(next);
    if (marker && marker.indent >= first.contentIndent) marker = undefined;
  }
  out.push({ type: 'list', ordered: first.ordered, start: first.start, items });
  return i;
}

// ---- inlines ----

const PUNCT = /[!-/:-@[-`{-~]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', mdash: '—', ndash: '–', hellip: '…' };

function decodeEntity(s: string): string | undefined {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(s);
  if (!m) return undefined;
  if (m[3]) return NAMED[m[3]] === undefined ? undefined : m[0];
  const cp = m[1] ? Number(m[1]) : Number.parseInt(m[2] as string, 16);
  return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? m[0] : undefined;
}

function entityValue(raw: string): string {
  const m = /^&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));$/.exec(raw) as RegExpExecArray;
  if (m[3]) return NAMED[m[3]] as string;
  return String.fromCodePoint(m[1] ? Number(m[1]) : Number.parseInt(m[2] as string, 16));
}

/** A link destination we are willing to emit: http(s), mailto, relative paths and anchors; never `javascript:` and friends. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (!h) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(h.replace(/[\u0000-\u0020]/g, ''));
  if (scheme && !/^(https?|mailto)$/i.test(scheme[1] as string)) return undefined;
  return h;
}

const DELIMS: Array<{ open: string; type: 'strong' | 'em' | 'strike' }> = [
  { open: '**', type: 'strong' },
  { open: '__', type: 'strong' },
  { open: '~~', type: 'strike' },
  { open: '*', type: 'em' },
  { open: '_', type: 'em' },
];

function findClose(s: string, from: number, delim: string): number {
  for (let j = from; j < s.length; j++) {
    const c = s[j] as string;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(j))?.[0] as string;
      const end = s.indexOf(run, j + run.length);
      if (end > 0) j = end + run.length - 1;
      continue;
    }
    if (s.startsWith(delim, j) && j > from && !/\s/.test(s[j - 1] as string)) {
      // Single-char delimiters must not be the start of a double one (`*a **b** c*`).
      if (delim.length === 1 && s[j + 1] === delim && s.indexOf(delim + delim, j + 2) > 0) {
        j = s.indexOf(delim + delim, j + 2) + 1;
        continue;
      }
      if (delim === '_' && /[A-Za-z0-9]/.test(s[j + 1] ?? '')) continue;
      return j;
    }
  }
  return -1;
}

function matchBracket(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  return -1;
}

export function parseInline(s: string, depth = 0): Inline[] {
  if (depth > MAX_NESTING) tooDeep();
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  for (let i = 0; i < s.length; ) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1] as string;
      if (n === '\n') {
        flush();
        out.push({ type: 'break' });
        i += 2;
        continue;
      }
      if (PUNCT.test(n)) {
        text += n;
        i += 2;
        continue;
      }
    }
    if (c === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.replace(/[ \t]+$/, '');
      if (hard) {
        flush();
        out.push({ type: 'break' });
      } else text += ' ';
      i++;
      continue;
    }
    if (c === '&') {
      const ent = decodeEntity(s.slice(i));
      if (ent) {
        text += entityValue(ent);
        i += ent.length;
        continue;
      }
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))?.[0] as string;
      const end = s.indexOf(run, i + run.length);
      if (end > 0 && s[end + run.length] !== '`') {
        let code = s.slice(i + run.length, end).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        flush();
        out.push({ type: 'code', text: code });
        i = end + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if (c === '<') {
      const auto = /^<((?:https?|mailto):[^\s<>]+)>/i.exec(s.slice(i));
      if (auto) {
        flush();
        out.push({ type: 'link', href: auto[1] as string, children: [{ type: 'text', text: auto[1] as string }] });
        i += auto[0].length;
        continue;
      }
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      const close = matchBracket(s, open);
      const dest = close > 0 ? /^\(\s*<?([^\s)>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/.exec(s.slice(close + 1)) : null;
      if (dest) {
        const label = parseInline(s.slice(open + 1, close), depth + 1);
        const href = safeHref(dest[1] as string);
        flush();
        if (href) out.push({ type: 'link', href, children: label.length ? label : [{ type: 'text', text: href }] });
        else out.push(...label);
        i = close + 1 + dest[0].length;
        continue;
      }
    }
    const delim = DELIMS.find((d) => s.startsWith(d.open, i));
    if (delim) {
      const inner = i + delim.open.length;
      const prevWord = i > 0 && /[A-Za-z0-9]/.test(s[i - 1] as string);
      const opens = inner < s.length && !/\s/.test(s[inner] as string) && !(delim.open[0] === '_' && prevWord);
      const close = opens ? findClose(s, inner, delim.open) : -1;
      if (close > inner) {
        flush();
        out.push({ type: delim.type, children: parseInline(s.slice(inner, close), depth + 1) });
        i = close + delim.open.length;
        continue;
      }
      text += delim.open;
      i += delim.open.length;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** Plain text of inlines (table fallbacks, titles). */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'break' ? '\n' : inlineText(n.children))).join('');
}
