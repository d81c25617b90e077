// Markdown → Confluence storage format (XHTML plus ac: macros). Every piece of text is escaped, raw
// HTML included, so a spec cannot inject markup into the page; the output is well-formed XML.
import { parseMarkdown, type Block, type Inline } from './markdown.js';

// XML 1.0 forbids most C0 controls even as references; drop them rather than emit broken XML.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A CDATA section that survives `]]>` in the content (split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

// Confluence's code macro knows its own language names; map the common markdown aliases.
const LANGUAGES: Record<string, string> = {
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript',
  ts: 'typescript', typescript: 'typescript', tsx: 'typescript',
  sh: 'bash', shell: 'bash', bash: 'bash', zsh: 'bash', console: 'bash',
  py: 'python', python: 'python', rb: 'ruby', ruby: 'ruby', yml: 'yaml', yaml: 'yaml',
  json: 'json', sql: 'sql', java: 'java', kotlin: 'kotlin', go: 'go', rust: 'rust', rs: 'rust',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp', cpp: 'cpp', 'c++': 'cpp', c: 'cpp', php: 'php',
  xml: 'xml', html: 'html', css: 'css', diff: 'diff', swift: 'swift', scala: 'scala', graphql: 'graphql',
  md: 'text', markdown: 'text', text: 'text', txt: 'text', plaintext: 'text',
};

export function confluenceLanguage(lang: string): string | undefined {
  const l = lang.trim().toLowerCase();
  if (!l) return undefined;
  return LANGUAGES[l] ?? (/^[a-z0-9+#-]{1,20}$/.test(l) ? l : undefined);
}

function inline(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeXml(n.text);
        case 'code':
          return `<code>${escapeXml(n.text)}</code>`;
        case 'break':
          return '<br />';
        case 'strong':
          return `<strong>${inline(n.children)}</strong>`;
        case 'em':
          return `<em>${inline(n.children)}</em>`;
        case 'strike':
          return `<del>${inline(n.children)}</del>`;
        case 'link':
          return `<a href="${escapeXml(n.href)}">${inline(n.children)}</a>`;
      }
    })
    .join('');
}

function codeMacro(lang: string, text: string): string {
  const language = confluenceLanguage(lang);
  const param = language ? `<ac:parameter ac:name="language">${escapeXml(language)}</ac:parameter>` : '';
  return `<ac:structured-macro ac:name="code">${param}<ac:plain-text-body>${cdata(text)}</ac:plain-text-body></ac:structured-macro>`;
}

function list(b: Extract<Block, { type: 'list' }>, taskId: { n: number }): string {
  if (b.items.length && b.items.every((it) => it.checked !== undefined)) {
    const tasks = b.items.map((it) => {
      const body = it.children.map((c) => (c.type === 'paragraph' ? inline(c.inline) : block(c, taskId))).join('');
      return `<ac:task><ac:task-id>${++taskId.n}</ac:task-id><ac:task-status>${it.checked ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;
    });
    return `<ac:task-list>${tasks.join('')}</ac:task-list>`;
  }
  const items = b.items.map((it) => {
    const box = it.checked === undefined ? '' : it.checked ? '☑ ' : '☐ ';
    // A tight item's single paragraph renders inline, as Confluence's editor does.
    const [first, ...rest] = it.children;
    const head = first?.type === 'paragraph' ? `${box}${inline(first.inline)}` : `${box}${first ? block(first, taskId) : ''}`;
    return `<li>${head}${rest.map((c) => block(c, taskId)).join('')}</li>`;
  });
  if (!b.ordered) return `<ul>${items.join('')}</ul>`;
  return b.start === 1 ? `<ol>${items.join('')}</ol>` : `<ol start="${b.start}">${items.join('')}</ol>`;
}

function table(b: Extract<Block, { type: 'table' }>): string {
  const style = (i: number) => (b.align[i] ? ` style="text-align: ${b.align[i]};"` : '');
  const head = `<tr>${b.header.map((h, i) => `<th${style(i)}>${inline(h)}</th>`).join('')}</tr>`;
  const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${style(i)}>${inline(c)}</td>`).join('')}</tr>`);
  return `<table><tbody>${head}${rows.join('')}</tbody></table>`;
}

function block(b: Block, taskId: { n: number }): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${inline(b.inline)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.inline)}</p>`;
    case 'code':
      return codeMacro(b.lang, b.text);
    case 'quote':
      return `<blockquote>${b.children.map((c) => block(c, taskId)).join('')}</blockquote>`;
    case 'list':
      return list(b, taskId);
    case 'table':
      return table(b);
    case 'rule':
      return '<hr />';
  }
}

export function markdownToStorage(markdown: string): string {
  const taskId = { n: 0 };
  return parseMarkdown(markdown)
    .map((b) => block(b, taskId))
    .join('\n');
}
