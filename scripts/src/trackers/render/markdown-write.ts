// Blocks → markdown text: the inverse of parseMarkdown, shared by the converters that bring remote
// content back (ADF → markdown, Confluence storage → markdown). Text is escaped only where our own
// parser would otherwise read syntax into it, so prose stays readable in a diff; the result is
// checked by parsing it back, and re-written fully escaped in the rare case the two disagree.
import { isDeepStrictEqual } from 'node:util';
import { parseInline, parseMarkdown, type Block, type Inline, type ListItem } from './markdown.js';

interface Mode {
  /** Escape every markdown punctuation character in text, not only the risky ones. */
  all: boolean;
}

const ALWAYS = /[\\`*_~[\]<&]/g;
// The characters that can start syntax anywhere in a line (line starts are guarded separately).
const EVERY = /[\\`*_~[\]<>&|!#]/g;

function escapeText(text: string, mode: Mode): string {
  return text.replace(mode.all ? EVERY : ALWAYS, (c) => `\\${c}`);
}

/** A text run that our parser would read back unchanged is written as it is. */
function textOut(text: string, mode: Mode): string {
  if (!mode.all) {
    const back = parseMarkdown(`x${text}x`);
    const one = back.length === 1 && back[0]?.type === 'paragraph' ? back[0].inline : [];
    if (one.length === 1 && one[0]?.type === 'text' && one[0].text === `x${text}x`) return text;
  }
  return escapeText(text, mode);
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function href(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

function encodeLinks(nodes: Inline[]): Inline[] {
  return nodes.map((n) => (n.type === 'link' ? { ...n, href: href(n.href), children: encodeLinks(n.children) } : n.type === 'strong' || n.type === 'em' || n.type === 'strike' ? { ...n, children: encodeLinks(n.children) } : n));
}

function wrap(open: string, inner: string): string {
  // `** a**` would not open: keep the spaces outside the delimiters.
  const lead = /^\s*/.exec(inner)?.[0] ?? '';
  const trail = /\s*$/.exec(inner.slice(lead.length))?.[0] ?? '';
  const core = inner.slice(lead.length, inner.length - trail.length);
  return core ? `${lead}${open}${core}${open}${trail}` : inner;
}

export function writeInline(nodes: Inline[], mode: Mode = { all: false }): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return textOut(n.text, mode);
        case 'code':
          return codeSpan(n.text);
        case 'break':
          return '\\\n';
        case 'strong':
          return wrap('**', writeInline(n.children, mode));
        case 'em':
          return wrap('*', writeInline(n.children, mode));
        case 'strike':
          return wrap('~~', writeInline(n.children, mode));
        case 'link':
          return `[${writeInline(n.children, mode)}](${href(n.href)})`;
      }
    })
    .join('');
}

// A paragraph line that starts like a block would be read as that block: escape its first mark.
function guardLine(line: string): string {
  if (/^ {0,3}(#{1,6}(\s|$)|>|[-+*](\s|$)|`{3,}|~{3,}|=+\s*$|-+\s*$|\|)/.test(line)) return line.replace(/^( *)(.)/, '$1\\$2');
  const ordered = /^( {0,3}\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice((ordered[1] as string).length + 1)}`;
  return line;
}

/** Inline markdown that parses back to these nodes: light escaping first, everything escaped if not. */
function safeInline(nodes: Inline[], mode: Mode): string {
  const light = writeInline(nodes, mode);
  if (mode.all || isDeepStrictEqual(normalizeInline(parseInline(light)), normalizeInline(encodeLinks(nodes)))) return light;
  return writeInline(nodes, { all: true });
}

function paragraph(inline: Inline[], mode: Mode): string {
  return safeInline(inline, mode)
    .split('\n')
    .map((l) => guardLine(l.trimStart()))
    .join('\n');
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function listItem(it: ListItem, marker: string, mode: Mode): string {
  const box = it.checked === undefined ? '' : it.checked ? '[x] ' : '[ ] ';
  const head = marker + box;
  const width = marker.length;
  const [first, ...rest] = it.children;
  let out: string;
  let tail = rest;
  if (first?.type === 'paragraph') out = head + indent(paragraph(first.inline, mode), width).slice(width);
  else {
    out = head.trimEnd();
    tail = it.children;
  }
  for (const [i, b] of tail.entries()) {
    const text = indent(block(b, mode), width);
    // A nested list right after the item's text stays tight; anything else needs a blank line.
    const tight = b.type === 'list' && (i > 0 || first?.type === 'paragraph') && (i === 0 ? true : tail[i - 1]?.type !== 'list');
    out += (tight ? '\n' : out.trim() ? '\n\n' : '\n') + text;
  }
  return out;
}

function list(b: Extract<Block, { type: 'list' }>, mode: Mode): string {
  return b.items.map((it, i) => listItem(it, b.ordered ? `${b.start + i}. ` : '- ', mode)).join('\n');
}

function cell(inline: Inline[], mode: Mode): string {
  const text = safeInline(inline.map((n): Inline => (n.type === 'break' ? { type: 'text', text: ' ' } : n)), mode);
  return text.replace(/\n/g, ' ').replace(/(?<!\\)\|/g, '\\|') || ' ';
}

function table(b: Extract<Block, { type: 'table' }>, mode: Mode): string {
  const row = (cells: Inline[][]) => `| ${cells.map((c) => cell(c, mode)).join(' | ')} |`;
  const delim = b.align.map((a) => (a === 'center' ? ':---:' : a === 'right' ? '---:' : a === 'left' ? ':---' : '---'));
  return [row(b.header), `| ${delim.join(' | ')} |`, ...b.rows.map(row)].join('\n');
}

function fence(b: Extract<Block, { type: 'code' }>): string {
  const longest = Math.max(0, ...[...b.text.matchAll(/^\s*(`{3,})/gm)].map((m) => (m[1] as string).length));
  const mark = '`'.repeat(Math.max(3, longest + 1));
  return `${mark}${b.lang}\n${b.text ? `${b.text}\n` : ''}${mark}`;
}

function block(b: Block, mode: Mode): string {
  switch (b.type) {
    case 'heading': {
      const text = safeInline(b.inline.map((n): Inline => (n.type === 'break' ? { type: 'text', text: ' ' } : n)), mode).replace(/\n/g, ' ');
      return `${'#'.repeat(b.level)} ${text.replace(/#+\s*$/, (h) => `\\${h}`)}`.trimEnd();
    }
    case 'paragraph':
      return paragraph(b.inline, mode);
    case 'code':
      return fence(b);
    case 'quote':
      return blocks(b.children, mode)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'list':
      return list(b, mode);
    case 'table':
      return table(b, mode);
    case 'rule':
      return '---';
  }
}

function blocks(list: Block[], mode: Mode): string {
  return list
    .filter((b) => !(b.type === 'paragraph' && !b.inline.length))
    .map((b) => block(b, mode))
    .join('\n\n');
}

/** Merge neighbouring text runs and drop empty ones, so two inline lists can be compared. */
export function normalizeInline(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const m: Inline = n.type === 'strong' || n.type === 'em' || n.type === 'strike' || n.type === 'link' ? { ...n, children: normalizeInline(n.children) } : n;
    if (m.type === 'text' && !m.text) continue;
    if ((m.type === 'strong' || m.type === 'em' || m.type === 'strike') && !m.children.length) continue;
    const last = out[out.length - 1];
    if (m.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + m.text };
    else out.push(m);
  }
  return out;
}

export function normalizeBlocks(list: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of list) {
    switch (b.type) {
      case 'paragraph': {
        const inline = normalizeInline(b.inline);
        if (inline.length) out.push({ type: 'paragraph', inline });
        break;
      }
      case 'heading':
        out.push({ ...b, inline: normalizeInline(b.inline) });
        break;
      case 'quote':
        out.push({ type: 'quote', children: normalizeBlocks(b.children) });
        break;
      case 'list':
        out.push({ ...b, items: b.items.map((it) => ({ ...it, children: normalizeBlocks(it.children) })) });
        break;
      case 'table':
        out.push({ ...b, header: b.header.map(normalizeInline), rows: b.rows.map((r) => r.map(normalizeInline)) });
        break;
      default:
        out.push(b);
    }
  }
  return out;
}

/** Markdown for these blocks; parsing the result gives the same blocks wherever markdown can say them. */
export function writeMarkdown(list: Block[]): string {
  const light = blocks(list, { all: false });
  if (isDeepStrictEqual(normalizeBlocks(parseMarkdown(light)), normalizeBlocks(list))) return `${light}\n`;
  return `${blocks(list, { all: true })}\n`;
}
