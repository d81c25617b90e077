// Markdown bodies for GitHub issues and Linear descriptions: the feature, the task, the acceptance
// criteria of the stories it serves, its dependencies, and a hidden marker for de-duplication.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { parseStories, type UserStory } from '../../workspace/stories.js';
import type { Task } from '../../workspace/tasks.js';
import { featurePriority, taskMarker } from './feature-meta.js';
import { fillTemplate } from './issue-template.js';

export function storiesOf(snap: FeatureSnapshot): UserStory[] {
  return snap.spec ? parseStories(snap.spec.body, snap.spec.bodyLine) : [];
}

/**
 * The built-in task layout, and the body of the shipped github-issue-template.md. Section placeholders
 * (tags, files, acceptance_criteria, depends_on) render with their own heading, or as nothing.
 */
export const DEFAULT_TASK_BODY = `**Feature:** {{id}} — {{title}} (\`features/{{feature}}\`)

**Task:** {{task_text}}

{{tags}}

{{files}}

{{acceptance_criteria}}

{{depends_on}}
`;

/**
 * Values for a task's {{placeholders}}. `issueNumbers` are the GitHub numbers known for other tasks
 * (tasks.md's `github_issues`), shown beside dependencies; pass {} where numbers mean nothing (Linear).
 */
export function taskValues(snap: FeatureSnapshot, task: Task, stories: UserStory[], issueNumbers: Record<string, number>, branch = `feature/${snap.feature.name}`): Record<string, string> {
  const f = snap.feature;
  const tags = [task.priority, task.parallel ? 'can run in parallel' : undefined, ...task.stories].filter(Boolean);
  const served = stories.filter((s) => task.stories.includes(s.id));
  const criteria = served.flatMap((s) => [
    '',
    `${s.id}: ${s.title}`,
    ...(s.criteria.length ? s.criteria.map((c) => `- [ ] ${/^AC/.test(c.id) ? `${c.id} ` : ''}${c.text}`) : ['- (no acceptance criteria listed in spec.md)']),
  ]);
  return {
    task_id: task.id,
    task_text: task.description,
    id: f.id,
    title: snap.title,
    feature: f.name,
    branch,
    story: task.stories.join(', '),
    priority: task.priority ?? featurePriority(snap) ?? '',
    tags: tags.length ? `**Tags:** ${tags.join(', ')}` : '',
    files: task.files.length ? `**Files:** ${task.files.map((p) => `\`${p}\``).join(', ')}` : '',
    acceptance_criteria: served.length ? ['### Acceptance criteria', ...criteria].join('\n') : '',
    depends_on: task.dependsOn.length ? ['### Depends on', ...task.dependsOn.map((d) => dependencyLine(d, issueNumbers[d]))].join('\n') : '',
  };
}

/** A `### Depends on` line: the task id, and its issue number once known. */
const dependencyLine = (taskId: string, n?: number) => `- ${taskId}${n ? ` (#${n})` : ''}`;
const DEPENDENCY_LINE = /^- (T\d{3,})( \(#\d+\))?$/gm;

/** The body without dependency numbers: they fill in as issues are created and are no change of content. */
export const maskDependencyNumbers = (body: string): string => body.replace(DEPENDENCY_LINE, (_line, id: string) => dependencyLine(id));

/** Give dependency lines still without a number the number of an issue known now (created earlier in this run). */
export const fillDependencyNumbers = (body: string, numberOf: (taskId: string) => number | undefined): string =>
  body.replace(DEPENDENCY_LINE, (line, id: string, numbered?: string) => (numbered ? line : dependencyLine(id, numberOf(id))));

/** A task issue's body: the layout filled in, then the hidden marker that finds the issue again. */
export function taskBody(snap: FeatureSnapshot, task: Task, stories: UserStory[], issueNumbers: Record<string, number>, layout = DEFAULT_TASK_BODY, branch?: string): string {
  return `${fillTemplate(layout, taskValues(snap, task, stories, issueNumbers, branch))}\n\n${taskMarker(snap.feature, task.id)}\n`;
}
