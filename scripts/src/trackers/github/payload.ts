// One GitHub issue per task in tasks.md: `T001: <task text>`, labels for the feature and priority.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { Task } from '../../workspace/tasks.js';
import { clip, featureLabel } from '../render/feature-meta.js';
import { LABEL_MAX } from '../../workspace/label.js';
import { DEFAULT_TASK_BODY, taskBody, taskShared, taskValues } from '../render/issue-body.js';
import { fillLabels, fillTemplate, type IssueTemplate } from '../render/issue-template.js';
import type { GithubIssuePayload } from '../render/payload-types.js';

export interface GithubOptions {
  /** SPEC_GITHUB_MILESTONES: one milestone per feature, titled like its Confluence page minus the suffix. */
  milestones: boolean;
  /** github-issue-template.md; absent → the built-in title, labels and layout (the same as the shipped template). */
  template?: IssueTemplate;
  branch?: string;
}

const DEFAULT_TITLE = '{{task_id}}: {{task_text}}';
const DEFAULT_LABELS = ['spec', 'spec-{{feature}}', 'feature-{{id}}', '{{priority}}'];

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

/** GitHub refuses label names over 50 characters (github/docs#32156): cut, never refused mid-sync. */
const fitLabel = (l: string): string => (l.length <= LABEL_MAX ? l : l.slice(0, LABEL_MAX).trimEnd());

/** `numbers`: linkedIssueNumbers(snap), when the caller has them already. */
export function buildGithubIssues(snap: FeatureSnapshot, opts: GithubOptions, numbers = linkedIssueNumbers(snap)): Array<{ task: Task; payload: GithubIssuePayload }> {
  const shared = taskShared(snap, numbers, opts.branch);
  const t = opts.template ?? {};
  return snap.tasks.map((task) => {
    const values = taskValues(snap, task, shared);
    // The feature labels are how reruns find these issues again: always sent, whatever the template says.
    // A template's `spec-{{feature}}` is the feature label, held to GitHub's 50 characters like every label.
    const label = featureLabel(snap.feature);
    const filled = fillLabels(t.labels ?? DEFAULT_LABELS, values).map((l) => (l === `spec-${snap.feature.name}` ? label : fitLabel(l)));
    const labels = [...new Set([...filled, label])];
    return {
      task,
      payload: {
        title: clip(fillTemplate(t.title ?? DEFAULT_TITLE, values), 256),
        body: taskBody(snap, task, values, t.body ?? DEFAULT_TASK_BODY),
        labels,
        ...(opts.milestones ? { milestone: githubMilestone(snap) } : {}),
      },
    };
  });
}
