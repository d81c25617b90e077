// One GitHub issue per task in tasks.md: `T001: <task text>`, labels for the feature and priority.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { Task } from '../../workspace/tasks.js';
import { clip, featureLabel, featurePriority } from './feature-meta.js';
import { storiesOf, taskBody } from './issue-body.js';
import type { GithubIssuePayload } from './payload-types.js';

export interface GithubOptions {
  /** SPEC_GITHUB_MILESTONES: one milestone per feature, titled like its Confluence page minus the suffix. */
  milestones: boolean;
}

export const githubMilestone = (snap: FeatureSnapshot): string => `Feature ${snap.feature.id}: ${snap.title}`;

/** Issue numbers already linked in tasks.md's frontmatter. */
export function linkedIssueNumbers(snap: FeatureSnapshot): Record<string, number> {
  const raw = snap.tasksDoc?.data.github_issues;
  const out: Record<string, number> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^#?\d+$/.test(v) ? Number(v.replace('#', '')) : NaN;
      if (Number.isInteger(n) && n > 0) out[k] = n;
    }
  }
  return out;
}

export function buildGithubIssues(snap: FeatureSnapshot, opts: GithubOptions): Array<{ task: Task; payload: GithubIssuePayload }> {
  const stories = storiesOf(snap);
  const numbers = linkedIssueNumbers(snap);
  return snap.tasks.map((task) => {
    const p = task.priority ?? featurePriority(snap);
    const labels = ['spec', featureLabel(snap.feature), `feature-${snap.feature.id}`, ...(p ? [p] : [])];
    return {
      task,
      payload: {
        title: clip(`${task.id}: ${task.description}`, 256),
        body: taskBody(snap, task, stories, numbers),
        labels,
        ...(opts.milestones ? { milestone: githubMilestone(snap) } : {}),
      },
    };
  });
}
