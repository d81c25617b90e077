// Linear IssueCreateInput for a feature, and optionally one sub-issue per task.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { Priority, Task } from '../../workspace/tasks.js';
import { clip, featurePriority } from './feature-meta.js';
import { featureDescription, storiesOf, taskBody } from './issue-body.js';
import type { LinearIssuePayload } from './payload-types.js';

/** P1–P3 → Linear's scale (1 urgent, 2 high, 3 medium, 4 low); urgent is left for humans. */
export const LINEAR_PRIORITY: Record<Priority, number> = { P1: 2, P2: 3, P3: 4 };

export interface LinearOptions {
  teamId: string;
  projectId?: string;
  labelIds: string[];
}

function common(opts: LinearOptions): Pick<LinearIssuePayload, 'teamId' | 'projectId' | 'labelIds'> {
  return { teamId: opts.teamId, ...(opts.projectId ? { projectId: opts.projectId } : {}), ...(opts.labelIds.length ? { labelIds: [...opts.labelIds] } : {}) };
}

export function buildLinearIssue(snap: FeatureSnapshot, opts: LinearOptions): LinearIssuePayload {
  const p = featurePriority(snap);
  return { title: clip(snap.title, 255), description: featureDescription(snap), ...common(opts), ...(p ? { priority: LINEAR_PRIORITY[p] } : {}) };
}

export function buildLinearTaskIssues(snap: FeatureSnapshot, opts: LinearOptions): Array<{ task: Task; payload: LinearIssuePayload }> {
  const stories = storiesOf(snap);
  return snap.tasks.map((task) => {
    const p = task.priority ?? featurePriority(snap);
    return {
      task,
      payload: { title: clip(`${task.id}: ${task.description}`, 255), description: taskBody(snap, task, stories, {}).trim(), ...common(opts), ...(p ? { priority: LINEAR_PRIORITY[p] } : {}) },
    };
  });
}
