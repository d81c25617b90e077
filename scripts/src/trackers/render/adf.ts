// Markdown → Atlassian Document Format (JIRA descriptions). ADF nests more strictly than markdown
// (no heading inside a list item, only paragraphs, lists and code inside a blockquote, inline code
// combines with links only), so blocks that ADF forbids in a place are flattened, never dropped.
import { inlineText, parseMarkdown, type Block, type Inline, type ListItem } from './markdown.js';

export interface AdfMark {
  type: 'strong' | 'em' | 'code' | 'strike' | 'link';
  attrs?: { href: string };
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDoc {
  version: 1;
  type: 'doc';
  content: AdfNode[];
}

type Place = 'doc' | 'listItem' | 'quote' | 'cell';

// Task lists need localIds; a per-document counter keeps the output (and so its hash) deterministic.
interface State {
  ids: number;
}

function inlines(nodes: Inline[], marks: AdfMark[] = []): AdfNode[] {
  const out: AdfNode[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      if (n.text) out.push(marks.length ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text });
    } else if (n.type === 'code') {
      if (!n.text) continue;
      // The code mark may only sit with a link mark.
      const keep: AdfMark[] = [{ type: 'code' }, ...marks.filter((m) => m.type === 'link')];
      out.push({ type: 'text', text: n.text, marks: keep });
    } else if (n.type === 'break') out.push({ type: 'hardBreak' });
    else if (n.type === 'link') {
      const rest = marks.filter((m) => m.type !== 'link');
      out.push(...inlines(n.children, [...rest, { type: 'link', attrs: { href: n.href } }]));
    } else {
      const has = marks.some((m) => m.type === n.type);
      out.push(...inlines(n.children, has ? marks : [...marks, { type: n.type }]));
    }
  }
  return out;
}

const paragraph = (content: AdfNode[]): AdfNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });

function headingAsParagraph(b: Extract<Block, { type: 'heading' }>): AdfNode {
  return paragraph(inlines(b.inline, [{ type: 'strong' }]));
}

function listNode(b: Extract<Block, { type: 'list' }>, st: State): AdfNode {
  if (b.items.every((it) => it.checked !== undefined)) return taskList(b.items, st);
  const items = b.items.map((it) => {
    const content = blocks(it.children, 'listItem', st);
    // A list item starts with a paragraph in Atlassian's editor; an empty item gets an empty one.
    if (!content.length || content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
    if (it.checked !== undefined) {
      const first = content[0] as AdfNode;
      first.content = [{ type: 'text', text: it.checked ? '☑ ' : '☐ ' }, ...(first.content ?? [])];
    }
    return { type: 'listItem', content };
  });
  return b.ordered ? { type: 'orderedList', attrs: { order: b.start }, content: items } : { type: 'bulletList', content: items };
}

function taskList(items: ListItem[], st: State): AdfNode {
  const content: AdfNode[] = [];
  for (const it of items) {
    const [first, ...rest] = it.children;
    const inline: AdfNode[] = first && (first.type === 'paragraph' || first.type === 'heading') ? inlines(first.inline) : [];
    const others = first && first.type !== 'paragraph' && first.type !== 'heading' ? it.children : rest;
    // A taskItem holds inline content only: nested task lists become nested taskLists, other blocks text.
    const nested: AdfNode[] = [];
    for (const b of others) {
      if (b.type === 'list' && b.items.every((x) => x.checked !== undefined)) nested.push(taskList(b.items, st));
      else {
        const text = plainText(b);
        if (text) inline.push({ type: 'hardBreak' }, { type: 'text', text });
      }
    }
    const item: AdfNode = { type: 'taskItem', attrs: { localId: `task-${++st.ids}`, state: it.checked ? 'DONE' : 'TODO' } };
    if (inline.length) item.content = inline;
    content.push(item, ...nested);
  }
  return { type: 'taskList', attrs: { localId: `tasklist-${++st.ids}` }, content };
}

function plainText(b: Block): string {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return inlineText(b.inline);
    case 'code':
      return b.text;
    case 'quote':
      return b.children.map(plainText).join('\n');
    case 'list':
      return b.items.map((it) => `${it.checked === undefined ? '•' : it.checked ? '☑' : '☐'} ${it.children.map(plainText).join(' ')}`).join('\n');
    case 'table':
      return [b.header, ...b.rows].map((r) => r.map(inlineText).join(' | ')).join('\n');
    case 'rule':
      return '';
  }
}

function table(b: Extract<Block, { type: 'table' }>): AdfNode {
  const cell = (type: 'tableHeader' | 'tableCell', inline: Inline[]): AdfNode => ({ type, attrs: {}, content: [paragraph(inlines(inline))] });
  const rows: AdfNode[] = [{ type: 'tableRow', content: b.header.map((h) => cell('tableHeader', h)) }];
  for (const r of b.rows) rows.push({ type: 'tableRow', content: r.map((c) => cell('tableCell', c)) });
  return { type: 'table', attrs: { isNumberColumnEnabled: false, layout: 'default' }, content: rows };
}

function codeBlock(b: Extract<Block, { type: 'code' }>): AdfNode {
  const node: AdfNode = { type: 'codeBlock', attrs: b.lang ? { language: b.lang } : {} };
  if (b.text) node.content = [{ type: 'text', text: b.text }];
  return node;
}

function blocks(list: Block[], place: Place, st: State): AdfNode[] {
  const out: AdfNode[] = [];
  for (const b of list) {
    switch (b.type) {
      case 'paragraph': {
        out.push(paragraph(inlines(b.inline)));
        break;
      }
      case 'heading':
        if (place === 'doc' || place === 'cell') out.push({ type: 'heading', attrs: { level: b.level }, content: inlines(b.inline) });
        else out.push(headingAsParagraph(b));
        break;
      case 'code':
        out.push(codeBlock(b));
        break;
      case 'rule':
        if (place === 'doc' || place === 'cell') out.push({ type: 'rule' });
        break;
      case 'quote':
        if (place === 'doc' || place === 'cell') {
          const inner = blocks(b.children, 'quote', st);
          out.push({ type: 'blockquote', content: inner.length ? inner : [{ type: 'paragraph' }] });
        } else out.push(...blocks(b.children, place, st));
        break;
      case 'list':
        // A blockquote may hold bullet and ordered lists but not task lists.
        out.push(place === 'quote' && b.items.every((it) => it.checked !== undefined) ? bulletFromTasks(b, st) : listNode(b, st));
        break;
      case 'table':
        if (place === 'doc') out.push(table(b));
        else for (const row of [b.header, ...b.rows]) out.push(paragraph(inlines(row.flatMap((c, i) => (i ? [{ type: 'text', text: ' | ' } as Inline, ...c] : c)))));
        break;
    }
  }
  return out;
}

function bulletFromTasks(b: Extract<Block, { type: 'list' }>, st: State): AdfNode {
  const items = b.items.map((it) => {
    const content = blocks(it.children, 'listItem', st).filter((n) => n.type !== 'taskList');
    if (!content.length || content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
    const first = content[0] as AdfNode;
    first.content = [{ type: 'text', text: it.checked ? '☑ ' : '☐ ' }, ...(first.content ?? [])];
    return { type: 'listItem', content };
  });
  return { type: 'bulletList', content: items };
}

export function markdownToAdf(markdown: string): AdfDoc {
  const st: State = { ids: 0 };
  return { version: 1, type: 'doc', content: blocks(parseMarkdown(markdown), 'doc', st) };
}
