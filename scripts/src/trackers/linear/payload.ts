// Linear IssueCreateInput for a feature, and optionally one sub-issue per task.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { Priority, Task } from '../../workspace/tasks.js';
import { clip, featurePriority } from '../render/feature-meta.js';
import { taskBody, taskShared, taskValues } from '../render/issue-body.js';
import { fillLabels, fillTemplate, type IssueTemplate } from '../render/issue-template.js';
import { templateValues } from '../render/feature-values.js';
import type { LinearIssuePayload } from '../render/payload-types.js';
import { isUuid } from './uuid.js';

/** P1–P3 → Linear's scale (1 urgent, 2 high, 3 medium, 4 low); urgent is left for humans. */
export const LINEAR_PRIORITY: Record<Priority, number> = { P1: 2, P2: 3, P3: 4 };

export interface LinearOptions {
  teamId: string;
  projectId?: string;
  /** SPEC_LINEAR_LABELS: label ids (UUIDs) and names. */
  labels: string[];
  /** linear-issue-template.md; absent → the built-in title, priority and layout (the same as the shipped template). */
  template?: IssueTemplate;
  branch?: string;
}

/** The built-in description layout, and the body of the shipped linear-issue-template.md. */
export const DEFAULT_LINEAR_BODY = `{{summary}}

## User stories

{{stories}}

## Acceptance criteria

{{acceptance_criteria}}

Specification: \`features/{{feature}}/spec.md\` on branch \`{{branch}}\` (feature {{id}}).
`;

function priorityOf(rule: string | number | undefined, snap: FeatureSnapshot): number | undefined {
  if (typeof rule === 'number' && Number.isInteger(rule) && rule >= 0 && rule <= 4) return rule;
  if (rule === 'none') return undefined;
  const p = featurePriority(snap);
  return p ? LINEAR_PRIORITY[p] : undefined;
}

function common(opts: LinearOptions, templateLabels: string[] = []): Pick<LinearIssuePayload, 'teamId' | 'projectId' | 'labelIds' | 'labelNames'> {
  const ids = opts.labels.filter(isUuid);
  const names = [...new Set([...opts.labels.filter((l) => !isUuid(l)), ...templateLabels])];
  return { teamId: opts.teamId, ...(opts.projectId ? { projectId: opts.projectId } : {}), ...(ids.length ? { labelIds: ids } : {}), ...(names.length ? { labelNames: names } : {}) };
}

export function buildLinearIssue(snap: FeatureSnapshot, opts: LinearOptions): LinearIssuePayload {
  const t = opts.template ?? {};
  const values = templateValues(snap, opts.branch);
  const priority = priorityOf(t.priority, snap);
  const title = clip(fillTemplate(t.title ?? '{{title}}', values), 255);
  return { title, description: fillTemplate(t.body ?? DEFAULT_LINEAR_BODY, values), ...common(opts, fillLabels(t.labels ?? [], values)), ...(priority !== undefined ? { priority } : {}) };
}

export function buildLinearTaskIssues(snap: FeatureSnapshot, opts: LinearOptions): Array<{ task: Task; payload: LinearIssuePayload }> {
  const shared = taskShared(snap, {});
  return snap.tasks.map((task) => {
    const p = task.priority ?? shared.priority;
    return {
      task,
      payload: { title: clip(`${task.id}: ${task.description}`, 255), description: taskBody(snap, task, taskValues(snap, task, shared)).trim(), ...common(opts), ...(p ? { priority: LINEAR_PRIORITY[p] } : {}) },
    };
  });
}
