// .spec-state/sync-pending.json: the items whose last sync attempt failed, so `sync --pending`
// retries exactly those and `status` can count them.
import type { Tracker } from '../config/keys.js';
import { redact } from '../config/redact.js';
import { readTextIfExists } from '../core/text-file.js';
import { writeFileAtomic } from './atomic.js';
import { withLockSync } from './lock.js';
import { statePaths } from './paths.js';

export interface PendingItem {
  feature: string;
  tracker: Tracker;
  /** What failed: `story`, `page`, `issue`, or a task id such as `T001`. */
  item: string;
  kind: string;
  message: string;
  at: string;
}

const DISPLAY = '.spec-state/sync-pending.json';
const file = (root: string) => `${statePaths(root).stateDir}/sync-pending.json`;
const keyOf = (p: Pick<PendingItem, 'feature' | 'tracker' | 'item'>) => `${p.feature}\u0000${p.tracker}\u0000${p.item}`;

export function readPending(root: string): PendingItem[] {
  const text = readTextIfExists(file(root), DISPLAY);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as { items?: PendingItem[] };
    return Array.isArray(parsed.items) ? parsed.items : [];
  } catch {
    return [];
  }
}

/** Replace the pending entries for what was just attempted: failures are added, successes removed. */
export function updatePending(root: string, attempted: Array<Pick<PendingItem, 'feature' | 'tracker' | 'item'>>, failed: PendingItem[]): PendingItem[] {
  const path = file(root);
  return withLockSync(path, () => {
    const drop = new Set([...attempted, ...failed].map(keyOf));
    const items = [...readPending(root).filter((p) => !drop.has(keyOf(p))), ...failed];
    writeFileAtomic(path, redact(`${JSON.stringify({ items }, null, 2)}\n`), DISPLAY);
    return items;
  });
}
