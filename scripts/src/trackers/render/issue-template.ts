// The GitHub, Linear and Confluence templates (workflow/templates/integrations/, overridable in
// .spec/templates/): frontmatter `issue:` (or `page:`) decides title, labels, priority, parent; the body, with
// {{placeholders}}, is the description. A missing or broken template means the built-in layout.
// (A checked task always closes its GitHub issue, and a closed issue checks its task: that two-way
// mirror is the point of syncing tasks, so no template setting turns it off.)
import { parseDocument } from 'yaml';

export interface IssueTemplate {
  title?: string;
  /** Confluence: `root` (SPEC_CONFLUENCE_ROOT_PAGE_ID) or a page id. */
  parent?: string;
  labels?: string[];
  /** `from-spec`, `none`, or a tracker value (Linear 0–4). */
  priority?: string | number;
  body?: string;
}

/** `key` is the frontmatter map that holds the fields: `issue` (GitHub, Linear) or `page` (Confluence). */
export function parseIssueTemplate(text: string, display: string, key: 'issue' | 'page' = 'issue'): { template: IssueTemplate; warnings: string[] } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  const withBody = (t: IssueTemplate): IssueTemplate => (body.trim() ? { ...t, body } : t);
  if (!m) return { template: withBody({}), warnings: [] };
  const doc = parseDocument(m[1] as string);
  if (doc.errors.length) return { template: withBody({}), warnings: [`${display}: invalid YAML in frontmatter (${doc.errors[0]?.message.split('\n')[0]}); using the built-in issue fields`] };
  const issue = ((doc.toJS() ?? {}) as Record<string, unknown>)[key];
  if (issue === undefined || issue === null) return { template: withBody({}), warnings: [] };
  if (typeof issue !== 'object' || Array.isArray(issue)) return { template: withBody({}), warnings: [`${display}: '${key}' should be a map; using the built-in fields`] };
  const raw = issue as Record<string, unknown>;
  const t: IssueTemplate = {};
  if (typeof raw.title === 'string' && raw.title.trim()) t.title = raw.title.trim();
  if (Array.isArray(raw.labels)) t.labels = raw.labels.filter((l): l is string => typeof l === 'string').map((l) => l.trim()).filter(Boolean);
  if (typeof raw.priority === 'string' || typeof raw.priority === 'number') t.priority = raw.priority;
  if (typeof raw.parent === 'string' || typeof raw.parent === 'number') t.parent = String(raw.parent).trim();
  return { template: withBody(t), warnings: [] };
}

/** `{{name}}` → value; placeholders a value left empty (whole sections) collapse their blank lines. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text
    .replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, key: string) => values[key] ?? all)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Template labels rendered; a label that came out empty, or a list such as `US1, US2`, is handled. */
export function fillLabels(labels: readonly string[], values: Record<string, string>): string[] {
  return labels.flatMap((l) => fillTemplate(l, values).split(/\s*,\s*/)).filter((l) => l && !l.includes('{{'));
}
