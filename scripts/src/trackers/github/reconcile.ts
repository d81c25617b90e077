// GitHub → local: a linked issue closed on GitHub checks its task in tasks.md, the way `spec task done`
// does it (setTaskDone on the body, under the file's lock, atomic write, progress table refreshed).
import { join } from 'node:path';
import type { ReconcileChange } from '../contract.js';
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { parseFrontmatter } from '../../workspace/frontmatter.js';
import { refreshProgress } from '../../workspace/progress.js';
import { parseTasks, setTaskDone } from '../../workspace/tasks.js';
import { editDoc } from '../../workspace/write-doc.js';

/** Check these tasks of one feature; returns the ids that were actually flipped. */
export function checkTasks(snap: FeatureSnapshot, ids: string[]): string[] {
  const f = snap.feature;
  const display = `features/${f.name}/tasks.md`;
  const flipped: string[] = [];
  editDoc(join(f.dir, 'tasks.md'), display, (text) => {
    const { body } = parseFrontmatter(text, display);
    let next = body;
    for (const id of ids) {
      const task = parseTasks(next).find((t) => t.id === id);
      if (!task || task.done) continue;
      next = setTaskDone(next, id, true) ?? next;
      flipped.push(id);
    }
    return flipped.length ? text.slice(0, text.length - body.length) + next : text;
  });
  return flipped;
}

export function reconcileChanges(snap: FeatureSnapshot, flipped: Array<{ id: string; number: number }>): ReconcileChange[] {
  return flipped.map((x) => ({ feature: snap.feature, message: `${x.id} checked (GitHub #${x.number} closed)` }));
}

export function refreshAfterReconcile(root: string, changed: boolean): void {
  if (changed) refreshProgress(root);
}
