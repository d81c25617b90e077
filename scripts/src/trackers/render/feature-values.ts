// Values for the {{placeholders}} of every integration template (JIRA story, Linear issue, Confluence
// page): the feature, its summary, its user stories and their acceptance criteria.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { storiesOf } from './issue-body.js';

/** The Summary (or Overview) section of spec.md, else its first paragraph. */
export function specSummary(body: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => /^#{1,6}\s+(summary|overview)\b/i.test(l.trim()));
  if (start >= 0) {
    const level = (/^#+/.exec(lines[start]!.trim()) as RegExpExecArray)[0].length;
    const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}}\\s`).test(l.trim()));
    const text = lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
    if (text) return text;
  }
  return body.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !p.startsWith('#')) ?? '';
}

/** Values for the story template's {{placeholders}}. */
export function templateValues(snap: FeatureSnapshot, branch?: string): Record<string, string> {
  const stories = storiesOf(snap);
  const f = snap.feature;
  return {
    title: snap.title,
    id: f.id,
    feature: f.name,
    branch: branch ?? `feature/${f.name}`,
    summary: specSummary(snap.spec?.body ?? ''),
    stories: stories.map((s) => `- **${s.id}**${s.priority ? ` (${s.priority})` : ''}: ${s.title}`).join('\n') || '(no user stories yet)',
    acceptance_criteria:
      stories
        .filter((s) => s.criteria.length)
        .map((s) => [`**${s.id}: ${s.title}**`, '', ...s.criteria.map((c) => `- ${/^AC/.test(c.id) ? `${c.id} ` : ''}${c.text}`)].join('\n'))
        .join('\n\n') || '(no acceptance criteria yet)',
  };
}
