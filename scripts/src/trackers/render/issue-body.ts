// Markdown bodies for GitHub issues and Linear descriptions: the feature, the task, the acceptance
// criteria of the stories it serves, its dependencies, and a hidden marker for de-duplication.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { parseStories, type UserStory } from '../../workspace/stories.js';
import type { Priority, Task } from '../../workspace/tasks.js';
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

/** What every task of one feature shares, worked out once per feature rather than once per task. */
export interface TaskShared {
  stories: UserStory[];
  /** The feature's priority, for tasks without their own. */
  priority: Priority | undefined;
  /** The GitHub numbers known for other tasks (tasks.md's `github_issues`), shown beside dependencies; {} where numbers mean nothing (Linear). */
  issueNumbers: Record<string, number>;
  branch?: string | undefined;
}

export function taskShared(snap: FeatureSnapshot, issueNumbers: Record<string, number>, branch?: string): TaskShared {
  const stories = storiesOf(snap);
  return { stories, priority: featurePriority(snap, stories), issueNumbers, branch };
}

/** Values for a task's {{placeholders}}. */
export function taskValues(snap: FeatureSnapshot, task: Task, shared: TaskShared): Record<string, string> {
  const { stories, issueNumbers, branch = `feature/${snap.feature.name}` } = shared;
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
    priority: task.priority ?? shared.priority ?? '',
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

/** A task issue's body: the layout filled in with the task's values, then the hidden marker that finds the issue again. */
export function taskBody(snap: FeatureSnapshot, task: Task, values: Record<string, string>, layout = DEFAULT_TASK_BODY): string {
  return `${fillTemplate(layout, values)}\n\n${taskMarker(snap.feature, task.id)}\n`;
}
