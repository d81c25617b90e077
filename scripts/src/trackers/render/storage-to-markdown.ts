// Confluence storage format (XHTML with ac:/ri: elements) → markdown, for a page brought back by
// `pull`. Elements markdown can say are converted; a macro or element it cannot (toc, images, Jira
// macros, layouts …) is kept as a fenced block whose info string names it (```storage:ac:image),
// holding the original XML, never dropped silently. Tolerant of HTML entities and unclosed void tags.
import type { Block, Inline, ListItem } from './markdown.js';
import { writeMarkdown } from './markdown-write.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  /** The element's source text, for keeping what we do not convert. */
  source: string;
}
type Node = El | { text: string };

const VOID = new Set(['br', 'hr', 'img', 'col', 'ri:page', 'ri:attachment', 'ri:url', 'ri:user', 'ac:emoticon', 'ac:parameter-void']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', bull: '•', middot: '·', times: '×', rarr: '→', larr: '←' };

function decode(s: string): string {
  return s.replace(/&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return NAMED[e] ?? all;
  });
}

/** A forgiving XML reader: elements, text, CDATA; comments and processing instructions skipped. */
function parse(xml: string): Node[] {
  const root: El = { name: '#root', attrs: {}, children: [], source: xml };
  const stack: Array<{ el: El; start: number }> = [{ el: root, start: 0 }];
  const top = () => (stack[stack.length - 1] as { el: El }).el;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt > i) {
      const end = lt < 0 ? xml.length : lt;
      top().children.push({ text: decode(xml.slice(i, end)) });
      i = end;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      const stop = end < 0 ? xml.length : end;
      top().children.push({ text: xml.slice(i + 9, stop) });
      i = stop + 3;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) {
      const end = xml.indexOf('>', i);
      i = end < 0 ? xml.length : end + 1;
      continue;
    }
    const close = /^<\/([\w:.-]+)\s*>/.exec(xml.slice(i, i + 200));
    if (close) {
      const name = (close[1] as string).toLowerCase();
      const at = stack.map((s) => s.el.name).lastIndexOf(name);
      if (at > 0) {
        while (stack.length > at) {
          const s = stack.pop() as { el: El; start: number };
          s.el.source = xml.slice(s.start, i + close[0].length);
        }
      }
      i += close[0].length;
      continue;
    }
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/.exec(xml.slice(i));
    if (!open) {
      top().children.push({ text: '<' });
      i++;
      continue;
    }
    const name = (open[1] as string).toLowerCase();
    const attrs: Record<string, string> = {};
    for (const m of (open[2] as string).matchAll(/([\w:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) attrs[(m[1] as string).toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
    const el: El = { name, attrs, children: [], source: open[0] };
    top().children.push(el);
    i += open[0].length;
    if (!open[3] && !VOID.has(name)) stack.push({ el, start: i - open[0].length });
  }
  while (stack.length > 1) {
    const s = stack.pop() as { el: El; start: number };
    s.el.source = xml.slice(s.start);
  }
  return root.children;
}

const isEl = (n: Node): n is El => 'name' in n;
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'pre', 'hr', 'table', 'div', 'ac:task-list', 'ac:layout', 'ac:layout-section', 'ac:layout-cell', 'section']);
const TEXTUAL_MACROS = new Set(['info', 'note', 'warning', 'tip', 'panel']);
const kept = (el: El): Block => ({ type: 'code', lang: `storage:${el.name}${el.attrs['ac:name'] ? `:${el.attrs['ac:name']}` : ''}`, text: el.source });

function child(el: El, name: string): El | undefined {
  return el.children.find((c): c is El => isEl(c) && c.name === name);
}

function textOf(n: Node): string {
  return isEl(n) ? n.children.map(textOf).join('') : n.text;
}

function isBlock(n: Node): boolean {
  if (!isEl(n)) return false;
  if (BLOCKS.has(n.name)) return true;
  if (n.name === 'ac:structured-macro' || n.name === 'ac:macro') return true;
  return n.name === 'ac:image';
}

function inlines(nodes: Node[], after: Block[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (!isEl(n)) {
      out.push({ type: 'text', text: n.text.replace(/[ \t\r\n]+/g, ' ') });
      continue;
    }
    switch (n.name) {
      case 'strong':
      case 'b':
        out.push({ type: 'strong', children: inlines(n.children, after) });
        break;
      case 'em':
      case 'i':
        out.push({ type: 'em', children: inlines(n.children, after) });
        break;
      case 'del':
      case 's':
      case 'strike':
        out.push({ type: 'strike', children: inlines(n.children, after) });
        break;
      case 'code':
        out.push({ type: 'code', text: textOf(n) });
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'a': {
        const children = inlines(n.children, after);
        if (n.attrs.href) out.push({ type: 'link', href: n.attrs.href, children: children.length ? children : [{ type: 'text', text: n.attrs.href }] });
        else out.push(...children);
        break;
      }
      case 'ac:link': {
        // A link to another page keeps its visible text (or the page title).
        const body = child(n, 'ac:plain-text-link-body') ?? child(n, 'ac:link-body');
        const page = child(n, 'ri:page');
        const text = body ? textOf(body) : (page?.attrs['ri:content-title'] ?? '');
        if (text) out.push({ type: 'text', text });
        else {
          out.push({ type: 'text', text: `[${n.name}]` });
          after.push(kept(n));
        }
        break;
      }
      case 'ac:emoticon':
        out.push({ type: 'text', text: n.attrs['ac:emoji-fallback'] ?? `:${n.attrs['ac:name'] ?? 'emoticon'}:` });
        break;
      case 'time':
        out.push({ type: 'text', text: n.attrs.datetime ?? textOf(n) });
        break;
      case 'span':
      case 'u':
      case 'sub':
      case 'sup':
      case 'font':
      case 'small':
      case 'big':
      case 'ac:task-body':
        out.push(...inlines(n.children, after));
        break;
      default:
        out.push({ type: 'text', text: `[${n.name}]` });
        after.push(kept(n));
    }
  }
  return out;
}

function trimInline(list: Inline[]): Inline[] {
  const out = [...list];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', text: first.text.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text.replace(/\s+$/, '') };
  return out.filter((n) => n.type !== 'text' || n.text);
}

/** Mixed content (an li, a td, a macro body): inline runs become paragraphs, block elements blocks. */
function flow(nodes: Node[]): Block[] {
  const out: Block[] = [];
  let run: Node[] = [];
  const flush = () => {
    const after: Block[] = [];
    const inline = trimInline(inlines(run, after));
    if (inline.length) out.push({ type: 'paragraph', inline });
    out.push(...after);
    run = [];
  };
  for (const n of nodes) {
    if (isBlock(n)) {
      flush();
      out.push(...block(n as El));
    } else run.push(n);
  }
  flush();
  return out;
}

function listItems(el: El): ListItem[] {
  return el.children.filter((c): c is El => isEl(c) && c.name === 'li').map((li) => ({ children: flow(li.children) }));
}

function tasks(el: El): ListItem[] {
  return el.children
    .filter((c): c is El => isEl(c) && c.name === 'ac:task')
    .map((t) => {
      const status = child(t, 'ac:task-status');
      const body = child(t, 'ac:task-body');
      return { checked: status ? textOf(status).trim() === 'complete' : false, children: body ? flow(body.children) : [] };
    });
}

function table(el: El): Block {
  const rows: El[] = [];
  const walk = (e: El) => {
    for (const c of e.children) if (isEl(c)) (c.name === 'tr' ? rows.push(c) : ['tbody', 'thead', 'tfoot'].includes(c.name) ? walk(c) : undefined);
  };
  walk(el);
  const cells = rows.map((r) => r.children.filter((c): c is El => isEl(c) && (c.name === 'td' || c.name === 'th')));
  const width = Math.max(1, ...cells.map((r) => r.length));
  const cellInline = (c: El | undefined): Inline[] => {
    if (!c) return [];
    const parts: Inline[] = [];
    for (const [i, b] of flow(c.children).entries()) {
      if (i) parts.push({ type: 'text', text: ' ' });
      parts.push(...(b.type === 'paragraph' || b.type === 'heading' ? b.inline : [{ type: 'text', text: b.type === 'code' ? b.text : '' } as Inline]));
    }
    return parts;
  };
  const align = (c: El | undefined) => /text-align:\s*(left|center|right)/.exec(c?.attrs.style ?? '')?.[1] as 'left' | 'center' | 'right' | undefined;
  const row = (r: El[]) => Array.from({ length: width }, (_, i) => cellInline(r[i]));
  const [head = [], ...body] = cells;
  return { type: 'table', align: Array.from({ length: width }, (_, i) => align(head[i])), header: row(head), rows: body.map(row) };
}

function macro(el: El): Block[] {
  const name = el.attrs['ac:name'] ?? '';
  if (name === 'code' || name === 'noformat') {
    const lang = el.children.find((c): c is El => isEl(c) && c.name === 'ac:parameter' && c.attrs['ac:name'] === 'language');
    const body = child(el, 'ac:plain-text-body');
    return [{ type: 'code', lang: lang ? textOf(lang).trim() : '', text: body ? textOf(body).replace(/\n$/, '') : '' }];
  }
  if (TEXTUAL_MACROS.has(name)) {
    const body = child(el, 'ac:rich-text-body');
    const label: Block = { type: 'paragraph', inline: [{ type: 'strong', children: [{ type: 'text', text: `${name.replace(/^./, (c) => c.toUpperCase())}:` }] }] };
    return [{ type: 'quote', children: [label, ...(body ? flow(body.children) : [])] }];
  }
  return [kept(el)];
}

function block(el: El): Block[] {
  const after: Block[] = [];
  const h = /^h([1-6])$/.exec(el.name);
  if (h) {
    const inline = trimInline(inlines(el.children, after));
    return [{ type: 'heading', level: Number(h[1]), inline }, ...after];
  }
  switch (el.name) {
    case 'p':
      return flow(el.children);
    case 'ul':
      return [{ type: 'list', ordered: false, start: 1, items: listItems(el) }];
    case 'ol':
      return [{ type: 'list', ordered: true, start: Number(el.attrs.start) >= 0 && el.attrs.start ? Number(el.attrs.start) : 1, items: listItems(el) }];
    case 'ac:task-list':
      return [{ type: 'list', ordered: false, start: 1, items: tasks(el) }];
    case 'blockquote':
      return [{ type: 'quote', children: flow(el.children) }];
    case 'pre':
      return [{ type: 'code', lang: '', text: textOf(el).replace(/\n$/, '') }];
    case 'hr':
      return [{ type: 'rule' }];
    case 'table':
      return [table(el)];
    case 'div':
    case 'section':
    case 'ac:layout':
    case 'ac:layout-section':
    case 'ac:layout-cell':
      return flow(el.children);
    case 'ac:structured-macro':
    case 'ac:macro':
      return macro(el);
    default:
      return [kept(el)];
  }
}

export function storageToBlocks(storage: string): Block[] {
  return flow(parse(storage));
}

/** Confluence storage XHTML → markdown text ('' for an empty page). */
export function storageToMarkdown(storage: string): string {
  const b = storageToBlocks(storage);
  return b.length ? writeMarkdown(b) : '';
}
