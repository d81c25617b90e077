// Links to remote items live in frontmatter: jira_id/jira_url and linear_id/linear_url in spec.md,
// confluence_page_id/confluence_url in the published file (plan.md), github_issues in tasks.md.
// Sync write-back and `spec link` both go through these functions.
import { join } from 'node:path';
import { SpecError } from '../core/errors.js';
import type { FeatureRef } from './features.js';
import { parseFrontmatter } from './frontmatter.js';
import { editDoc, setFrontmatter } from './write-doc.js';
import { updateFrontmatter } from './frontmatter.js';

export const LINK_PATTERNS = {
  jira: /^[A-Z][A-Z0-9_]{1,9}-[0-9]+$/,
  confluence: /^[0-9]+$/,
  linear: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  githubTask: /^T[0-9]{3,}$/,
} as const;

function docPath(feature: FeatureRef, name: string) {
  return { path: join(feature.dir, name), display: `features/${feature.name}/${name}` };
}

export function writeJiraLink(feature: FeatureRef, key: string, url: string | undefined): void {
  const { path, display } = docPath(feature, 'spec.md');
  setFrontmatter(path, display, { jira_id: key, jira_url: url });
}

export function writeLinearLink(feature: FeatureRef, id: string, url: string | undefined): void {
  const { path, display } = docPath(feature, 'spec.md');
  setFrontmatter(path, display, { linear_id: id, linear_url: url });
}

export function writeConfluenceLink(feature: FeatureRef, file: 'plan.md' | 'spec.md', pageId: string, url: string | undefined): void {
  const { path, display } = docPath(feature, file);
  setFrontmatter(path, display, { confluence_page_id: pageId, confluence_url: url });
}

/** Merge task → issue-number pairs into tasks.md's `github_issues` map (re-read under the lock). */
export function writeGithubIssues(feature: FeatureRef, issues: Record<string, number>): Record<string, number> {
  const { path, display } = docPath(feature, 'tasks.md');
  let merged: Record<string, number> = {};
  editDoc(path, display, (text) => {
    const current = parseFrontmatter(text, display).data.github_issues;
    const base = current && typeof current === 'object' ? (current as Record<string, number>) : {};
    merged = { ...base, ...issues };
    const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
    return updateFrontmatter(text, display, { github_issues: sorted });
  });
  return merged;
}

export function parseGithubPairs(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(T\d{3,})[:=]#?(\d+)$/.exec(part);
    if (!m) throw new SpecError(`--github: '${part}' should look like T001:12`, { exitCode: 2 });
    out[m[1] as string] = Number(m[2]);
  }
  return out;
}

export type LinkKind = 'jira' | 'confluence' | 'linear';
const LINK_SHAPES: Record<LinkKind, string> = { jira: 'an issue key such as PROJ-123', confluence: 'a numeric page id', linear: 'an issue identifier such as ENG-42' };

/**
 * A link value read from frontmatter, before it goes into any request path: the id (URL-encoded, ready
 * for a path segment) or the one line saying why not. `jira_id: ".."` used to reach other endpoints.
 */
export function checkedLink(kind: LinkKind, value: unknown, where: string): { id: string; segment: string } | { problem: string } {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !LINK_PATTERNS[kind].test(text.trim())) {
    const shown = JSON.stringify(typeof text === 'string' ? text.slice(0, 40) : (text ?? null));
    return { problem: `${where}: ${kind === 'confluence' ? 'confluence_page_id' : `${kind}_id`} ${shown} is not ${LINK_SHAPES[kind]}; fix it or remove the line, then run spec sync` };
  }
  const id = text.trim();
  return { id, segment: encodeURIComponent(id) };
}
