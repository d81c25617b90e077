// The GitHub, Linear and Confluence templates (workflow/templates/integrations/, overridable in
// .spec/templates/): frontmatter `issue:` (or `page:`) decides title, labels, priority, parent; the body, with
// {{placeholders}}, is the description. A missing or broken template means the built-in layout.
// (A checked task always closes its GitHub issue, and a closed issue checks its task: that two-way
// mirror is the point of syncing tasks, so no template setting turns it off.)
import { parseDocument } from 'yaml';
import { renderTemplate } from '../../workspace/templates.js';

export interface IssueTemplate {
  title?: string;
  /** Confluence: `root` (SPEC_CONFLUENCE_ROOT_PAGE_ID) or a page id. */
  parent?: string;
  labels?: string[];
  /** `from-spec`, `none`, or a tracker value (Linear 0–4). */
  priority?: string | number;
  body?: string;
}

/**
 * The frontmatter map `key` of an integration template, and its body. Templates are the user's to edit,
 * so a broken one costs a warning and the built-in fields, never the sync.
 */
export function templateSection(text: string, display: string, key: string): { raw: Record<string, unknown>; body: string | undefined; warnings: string[] } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const rest = m ? text.slice(m[0].length) : text;
  const body = rest.trim() ? rest : undefined;
  if (!m) return { raw: {}, body, warnings: [] };
  const doc = parseDocument(m[1] as string);
  if (doc.errors.length) return { raw: {}, body, warnings: [`${display}: invalid YAML in frontmatter (${doc.errors[0]?.message.split('\n')[0]}); using the built-in fields`] };
  const value = ((doc.toJS() ?? {}) as Record<string, unknown>)[key];
  if (value === undefined || value === null) return { raw: {}, body, warnings: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { raw: {}, body, warnings: [`${display}: '${key}' should be a map; using the built-in fields`] };
  return { raw: value as Record<string, unknown>, body, warnings: [] };
}

/** `key` is the frontmatter map that holds the fields: `issue` (GitHub, Linear) or `page` (Confluence). */
export function parseIssueTemplate(text: string, display: string, key: 'issue' | 'page' = 'issue'): { template: IssueTemplate; warnings: string[] } {
  const { raw, body, warnings } = templateSection(text, display, key);
  const t: IssueTemplate = body ? { body } : {};
  if (typeof raw.title === 'string' && raw.title.trim()) t.title = raw.title.trim();
  if (Array.isArray(raw.labels)) t.labels = raw.labels.filter((l): l is string => typeof l === 'string').map((l) => l.trim()).filter(Boolean);
  if (typeof raw.priority === 'string' || typeof raw.priority === 'number') t.priority = raw.priority;
  if (typeof raw.parent === 'string' || typeof raw.parent === 'number') t.parent = String(raw.parent).trim();
  return { template: t, warnings };
}

/** `{{name}}` → value; placeholders a value left empty (whole sections) collapse their blank lines. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return renderTemplate(text, values)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Template labels rendered; a label that came out empty, or a list such as `US1, US2`, is handled. */
export function fillLabels(labels: readonly string[], values: Record<string, string>): string[] {
  return labels.flatMap((l) => fillTemplate(l, values).split(/\s*,\s*/)).filter((l) => l && !l.includes('{{'));
}
