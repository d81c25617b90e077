// Remote links in frontmatter must be well formed, or sync and audit would follow them wrongly:
// jira_id `PROJ-123`; *_url http(s); confluence_page_id digits; linear_id an identifier;
// github_issues a map of existing task ids (T001) to positive issue numbers.
import { LINK_PATTERNS } from '../workspace/links.js';
import type { Check, DocInput, Finding } from './types.js';

const URL_KEYS = ['jira_url', 'linear_url', 'confluence_url'] as const;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/** Line of a top-level frontmatter key, or of a nested key under it (falls back to the top key's line). */
function keyLine(doc: DocInput, key: string, nested?: string): number {
  const lines = doc.text.split('\n').slice(0, Math.max(1, doc.bodyLine - 1));
  const top = lines.findIndex((l) => new RegExp(`^['"]?${key}['"]?\\s*:`).test(l));
  if (top < 0) return 1;
  if (!nested) return top + 1;
  for (let i = top + 1; i < lines.length && /^\s/.test(lines[i] as string); i++) {
    if (new RegExp(`^\\s+['"]?${nested}['"]?\\s*:`).test(lines[i] as string)) return i + 1;
  }
  return top + 1;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

function linkFindings(doc: DocInput, taskIds: ReadonlySet<string> | undefined): Finding[] {
  const out: Finding[] = [];
  const data = doc.data;
  const bad = (key: string, message: string, nested?: string) =>
    out.push({ level: 'error', code: 'bad-link', file: doc.display, line: keyLine(doc, key, nested), message: `${nested ? `${key}.${nested}` : key}: ${message}` });

  const jira = data.jira_id;
  if (!blank(jira) && !(typeof jira === 'string' && LINK_PATTERNS.jira.test(jira))) bad('jira_id', `'${String(jira)}' is not a JIRA issue key (like PROJ-123)`);
  for (const key of URL_KEYS) {
    const v = data[key];
    if (!blank(v) && !isHttpUrl(v)) bad(key, `'${String(v)}' is not an http(s) URL`);
  }
  const page = data.confluence_page_id;
  if (!blank(page) && !((typeof page === 'string' || typeof page === 'number') && LINK_PATTERNS.confluence.test(String(page)))) {
    bad('confluence_page_id', `'${String(page)}' is not a Confluence page id (digits only, as in …/pages/123456/…)`);
  }
  const linear = data.linear_id;
  if (!blank(linear) && !(typeof linear === 'string' && LINK_PATTERNS.linear.test(linear))) bad('linear_id', `'${String(linear)}' is not a Linear issue id or key (like ENG-42)`);

  const issues = data.github_issues;
  if (!blank(issues)) {
    if (typeof issues !== 'object' || Array.isArray(issues)) {
      bad('github_issues', 'must be a map of task ids to issue numbers (github_issues: {T001: 12})');
    } else {
      for (const [task, number] of Object.entries(issues as Record<string, unknown>)) {
        if (!LINK_PATTERNS.githubTask.test(task)) bad('github_issues', `'${task}' is not a task id (like T001)`, task);
        else if (!(typeof number === 'number' && Number.isInteger(number) && number > 0)) bad('github_issues', `issue number '${String(number)}' must be a positive whole number`, task);
        else if (taskIds && !taskIds.has(task)) bad('github_issues', `${task} is not a task in tasks.md (renumbered or removed?); fix the key or remove the entry`, task);
      }
    }
  }
  return out;
}

export function checkLinks(docs: DocInput[], taskIds: ReadonlySet<string> | undefined): Check {
  return { name: 'Links', passed: 'frontmatter links well formed', findings: docs.flatMap((d) => linkFindings(d, taskIds)) };
}
