// Atlassian Document Format → markdown (a JIRA description brought back for `pull`). The nodes that
// markdown can say are converted; a node it cannot (media, extensions, layouts, …) is kept whole as a
// fenced block whose info string names it (```adf:mediaSingle), never dropped silently. Marks with
// no markdown form (underline, colour) keep their text.
import type { Block, Inline, ListItem } from './markdown.js';
import { writeMarkdown } from './markdown-write.js';

export interface AdfIn {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfIn[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** The info string of a fenced block that holds an ADF node we do not convert. */
export const KEPT_PREFIX = 'adf:';

const kept = (node: AdfIn): Block => ({ type: 'code', lang: `${KEPT_PREFIX}${node.type}`, text: JSON.stringify(node, null, 2) });

interface Run {
  text: string;
  /** Outermost first: link, strong, em, strike; code means a code span. */
  marks: Array<{ type: 'link'; href: string } | { type: 'strong' | 'em' | 'strike' | 'code' }>;
}

type Piece = Run | { type: 'break' } | { type: 'raw'; node: AdfIn };

const ORDER = ['link', 'strong', 'em', 'strike', 'code'] as const;

function runMarks(node: AdfIn): Run['marks'] {
  const out: Run['marks'] = [];
  for (const t of ORDER) {
    const m = node.marks?.find((x) => x.type === t);
    if (!m) continue;
    if (t === 'link') {
      const href = typeof m.attrs?.href === 'string' ? m.attrs.href : '';
      if (href) out.push({ type: 'link', href });
    } else out.push({ type: t });
  }
  return out;
}

function dateText(ts: unknown): string {
  const n = Number(ts);
  return Number.isFinite(n) ? new Date(n).toISOString().slice(0, 10) : String(ts ?? '');
}

/** Inline ADF nodes → flat pieces; an unconvertible inline node becomes a `[node]` marker plus a kept block. */
function pieces(nodes: AdfIn[] | undefined, raw: AdfIn[]): Piece[] {
  const out: Piece[] = [];
  for (const n of nodes ?? []) {
    const a = n.attrs ?? {};
    switch (n.type) {
      case 'text':
        // A newline inside a text node shows as a line break in Jira's editor.
        (n.text ?? '').split('\n').forEach((part, i) => {
          if (i) out.push({ type: 'break' });
          if (part) out.push({ text: part, marks: runMarks(n) });
        });
        break;
      case 'hardBreak':
        out.push({ type: 'break' });
        break;
      case 'mention':
        out.push({ text: String(a.text ?? `@${String(a.id ?? 'someone')}`).replace(/^(?!@)/, '@'), marks: [] });
        break;
      case 'emoji':
        out.push({ text: String(a.text ?? a.shortName ?? ''), marks: [] });
        break;
      case 'date':
        out.push({ text: dateText(a.timestamp), marks: [] });
        break;
      case 'status':
        out.push({ text: `[${String(a.text ?? '')}]`, marks: [] });
        break;
      case 'inlineCard':
        if (typeof a.url === 'string') out.push({ text: a.url, marks: [{ type: 'link', href: a.url }] });
        else {
          out.push({ text: `[${n.type}]`, marks: [] });
          raw.push(n);
        }
        break;
      default:
        out.push({ text: `[${n.type}]`, marks: [] });
        raw.push(n);
    }
  }
  return out;
}

const sameMark = (a: Run['marks'][number], b: Run['marks'][number]) => a.type === b.type && (a.type !== 'link' || (b.type === 'link' && a.href === b.href));
const isRun = (p: Piece | undefined): p is Run => p !== undefined && !('type' in p);

/**
 * Flat runs with mark sets → the nested inline tree markdown writes. At each point the mark that
 * spans the most following runs is opened first, which restores the nesting the author wrote.
 */
function nest(list: Piece[]): Inline[] {
  const out: Inline[] = [];
  for (let i = 0; i < list.length; ) {
    const p = list[i] as Piece;
    if (!isRun(p)) {
      if (p.type === 'break') out.push({ type: 'break' });
      i++;
      continue;
    }
    const spans = p.marks.filter((m) => m.type !== 'code');
    if (!spans.length) {
      out.push(p.marks.length ? { type: 'code', text: p.text } : { type: 'text', text: p.text });
      i++;
      continue;
    }
    const reach = (m: Run['marks'][number]) => {
      let j = i;
      for (let q = list[j]; isRun(q) && q.marks.some((x) => sameMark(x, m)); q = list[++j]);
      return j;
    };
    let outer = spans[0] as Run['marks'][number];
    let end = reach(outer);
    for (const m of spans.slice(1)) {
      const e = reach(m);
      if (e > end) [outer, end] = [m, e];
    }
    const inner = list.slice(i, end).map((q) => ({ text: (q as Run).text, marks: (q as Run).marks.filter((x) => !sameMark(x, outer)) }));
    const children = nest(inner);
    out.push(outer.type === 'link' ? { type: 'link', href: outer.href, children } : { type: outer.type as 'strong' | 'em' | 'strike', children });
    i = end;
  }
  return out;
}

function inline(nodes: AdfIn[] | undefined, after: Block[]): Inline[] {
  const raw: AdfIn[] = [];
  const result = nest(pieces(nodes, raw));
  after.push(...raw.map(kept));
  return result;
}

function textOf(node: AdfIn): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join('');
}

function listItems(node: AdfIn): ListItem[] {
  return (node.content ?? []).map((it) => ({ children: blocks(it.type === 'listItem' ? it.content : [it]) }));
}

/** A taskList holds taskItems and, for nesting, further taskLists that belong to the item before them. */
function taskItems(node: AdfIn): ListItem[] {
  const items: ListItem[] = [];
  for (const c of node.content ?? []) {
    if (c.type === 'taskList') {
      const nested: Block = { type: 'list', ordered: false, start: 1, items: taskItems(c) };
      const last = items[items.length - 1];
      if (last) last.children.push(nested);
      else items.push({ checked: false, children: [nested] });
      continue;
    }
    if (c.type !== 'taskItem') {
      items.push({ checked: false, children: blocks([c]) });
      continue;
    }
    const after: Block[] = [];
    const text = inline(c.content, after);
    items.push({ checked: c.attrs?.state === 'DONE', children: [...(text.length ? [{ type: 'paragraph', inline: text } as Block] : []), ...after] });
  }
  return items;
}

function tableBlock(node: AdfIn): Block {
  const rows = (node.content ?? []).filter((r) => r.type === 'tableRow');
  if (!rows.length || rows.length !== node.content?.length) return kept(node);
  const cellInline = (c: AdfIn): Inline[] => {
    const after: Block[] = [];
    const parts: Inline[] = [];
    for (const [i, b] of (c.content ?? []).entries()) {
      if (i) parts.push({ type: 'text', text: ' ' });
      if (b.type === 'paragraph' || b.type === 'heading') parts.push(...inline(b.content, after));
      else parts.push({ type: 'text', text: textOf(b) });
    }
    return parts;
  };
  const cells = rows.map((r) => (r.content ?? []).map(cellInline));
  const width = Math.max(1, ...cells.map((r) => r.length));
  const pad = (r: Inline[][]) => [...r, ...Array.from({ length: width - r.length }, () => [] as Inline[])];
  const [header = [], ...body] = cells;
  return { type: 'table', align: Array.from({ length: width }, () => undefined), header: pad(header), rows: body.map(pad) };
}

function blocks(nodes: AdfIn[] | undefined): Block[] {
  const out: Block[] = [];
  for (const n of nodes ?? []) {
    const after: Block[] = [];
    switch (n.type) {
      case 'paragraph':
        out.push({ type: 'paragraph', inline: inline(n.content, after) });
        break;
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
        out.push({ type: 'heading', level, inline: inline(n.content, after) });
        break;
      }
      case 'bulletList':
        out.push({ type: 'list', ordered: false, start: 1, items: listItems(n) });
        break;
      case 'orderedList':
        out.push({ type: 'list', ordered: true, start: Number(n.attrs?.order) >= 0 ? Number(n.attrs?.order ?? 1) : 1, items: listItems(n) });
        break;
      case 'taskList':
        out.push({ type: 'list', ordered: false, start: 1, items: taskItems(n) });
        break;
      case 'codeBlock':
        out.push({ type: 'code', lang: typeof n.attrs?.language === 'string' ? n.attrs.language : '', text: textOf(n) });
        break;
      case 'blockquote':
        out.push({ type: 'quote', children: blocks(n.content) });
        break;
      case 'panel':
        // An info/note/warning panel reads as a quote; its kind leads it so nothing is lost.
        out.push({ type: 'quote', children: [{ type: 'paragraph', inline: [{ type: 'strong', children: [{ type: 'text', text: `${String(n.attrs?.panelType ?? 'info').replace(/^./, (c) => c.toUpperCase())}:` }] }] }, ...blocks(n.content)] });
        break;
      case 'rule':
        out.push({ type: 'rule' });
        break;
      case 'table':
        out.push(tableBlock(n));
        break;
      default:
        out.push(kept(n));
    }
    out.push(...after);
  }
  return out;
}

/** ADF document (or any node with content) → blocks. */
export function adfToBlocks(doc: AdfIn | null | undefined): Block[] {
  if (!doc || typeof doc !== 'object') return [];
  return blocks(doc.type === 'doc' ? doc.content : [doc]);
}

/** ADF document → markdown text ('' for an empty or missing description). */
export function adfToMarkdown(doc: AdfIn | null | undefined): string {
  const b = adfToBlocks(doc);
  return b.length ? writeMarkdown(b) : '';
}
