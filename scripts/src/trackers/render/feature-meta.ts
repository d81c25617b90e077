// What every tracker's payload says about a feature: its label, priority and names (DESIGN §5).
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { FeatureRef } from '../../workspace/features.js';
import { parseStories, type UserStory } from '../../workspace/stories.js';
import { featureLabelOf } from '../../workspace/label.js';
import type { Priority } from '../../workspace/tasks.js';

/**
 * `spec-003-user-auth`: on every remote item, so an item whose link was lost can be found again.
 * At most 50 characters (GitHub's limit), one rule for every tracker: workspace/label.ts.
 */
export const featureLabel = (f: FeatureRef): string => featureLabelOf(f.name);

/** `<!-- spec:003-user-auth:T001 -->`: the hidden marker in a task issue's body. */
export const taskMarker = (f: FeatureRef, taskId: string): string => `<!-- spec:${f.name}:${taskId} -->`;

/** The feature's priority: frontmatter `priority: P1`, else the highest priority among its user stories (`stories`: already parsed). */
export function featurePriority(snap: FeatureSnapshot, stories?: readonly UserStory[]): Priority | undefined {
  const fm = snap.spec?.data.priority;
  if (typeof fm === 'string' && /^P[1-3]$/i.test(fm.trim())) return fm.trim().toUpperCase() as Priority;
  if (!snap.spec) return undefined;
  const found = (stories ?? parseStories(snap.spec.body, snap.spec.bodyLine))
    .map((s) => s.priority)
    .filter((p): p is Priority => Boolean(p))
    .sort();
  return found[0];
}

export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** A document's body ready to publish: frontmatter is already gone; trailing space trimmed. */
export const publishableBody = (body: string | undefined): string => (body ?? '').replace(/\s+$/, '') + '\n';

/** The feature's branch name from SPEC_GIT_BRANCH_PATTERN (same rule as workspace/git.ts, without loading execa). */
export const featureBranch = (pattern: string, f: FeatureRef): string => (pattern || 'feature/{id}-{slug}').replace(/\{id\}/g, f.id).replace(/\{slug\}/g, f.slug);
