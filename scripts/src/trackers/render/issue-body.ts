// Markdown bodies for GitHub issues and Linear descriptions: the feature, the task, the acceptance
// criteria of the stories it serves, its dependencies, and a hidden marker for de-duplication.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { parseStories, type UserStory } from '../../workspace/stories.js';
import type { Task } from '../../workspace/tasks.js';
import { publishableBody, taskMarker } from './feature-meta.js';

/** A feature-level description (Linear issue): the spec's markdown without frontmatter. */
export function featureDescription(snap: FeatureSnapshot): string {
  return publishableBody(snap.spec?.body).trim();
}

export function storiesOf(snap: FeatureSnapshot): UserStory[] {
  return snap.spec ? parseStories(snap.spec.body, snap.spec.bodyLine) : [];
}

/**
 * A task issue's body. `issueNumbers` are the GitHub numbers known for other tasks (tasks.md's
 * `github_issues`), shown beside dependencies; pass {} where numbers mean nothing (Linear).
 */
export function taskBody(snap: FeatureSnapshot, task: Task, stories: UserStory[], issueNumbers: Record<string, number>): string {
  const f = snap.feature;
  const lines: string[] = [`**Feature:** ${f.id} — ${snap.title} (\`features/${f.name}\`)`, '', `**Task:** ${task.description}`];
  const tags = [task.priority, task.parallel ? 'can run in parallel' : undefined, ...task.stories].filter(Boolean);
  if (tags.length) lines.push('', `**Tags:** ${tags.join(', ')}`);
  if (task.files.length) lines.push('', `**Files:** ${task.files.map((p) => `\`${p}\``).join(', ')}`);
  const served = stories.filter((s) => task.stories.includes(s.id));
  if (served.length) {
    lines.push('', '### Acceptance criteria');
    for (const s of served) {
      lines.push('', `${s.id}: ${s.title}`);
      if (s.criteria.length) lines.push(...s.criteria.map((c) => `- [ ] ${/^AC/.test(c.id) ? `${c.id} ` : ''}${c.text}`));
      else lines.push('- (no acceptance criteria listed in spec.md)');
    }
  }
  if (task.dependsOn.length) {
    lines.push('', '### Depends on');
    for (const d of task.dependsOn) lines.push(`- ${d}${issueNumbers[d] ? ` (#${issueNumbers[d]})` : ''}`);
  }
  lines.push('', taskMarker(f, task.id));
  return `${lines.join('\n')}\n`;
}
