// Plan: every call of a sync run, decided before any is made (pure). The executor runs it; --dry-run
// prints it. Selection (which features, which trackers, only pending items) is pure too.
import type { Config } from '../config/load.js';
import { TRACKER_NAMES } from '../config/keys.js';
import { SpecError } from '../core/errors.js';
import type { PendingItem } from '../state/pending.js';
import type { FeatureRef } from '../workspace/features.js';
import { TRACKERS, type DesiredItem, type RemoteRef, type Tracker } from '../trackers/contract.js';
import { journalLink, linkOf, type Journal } from './journal.js';

export type Action = 'create' | 'update' | 'noop' | 'adopt';

export interface PlannedCall {
  action: Action;
  item: DesiredItem;
  /** The link the update targets (frontmatter, or the journal for linkInJournal items). */
  remote?: RemoteRef;
  /** Why: `not linked`, `content changed`, `unchanged`, `create interrupted at …`, `link lost (was PROJ-12)`. */
  reason: string;
  /** adopt: the hash of the interrupted create, so an adopted item equal to it needs no update. */
  intentHash?: string;
}

export interface SkippedTracker {
  tracker: Tracker;
  reason: string;
  /** `incomplete`: switched on but missing settings (a failure); `disabled`: named by --only but off. */
  state: 'incomplete' | 'disabled';
  /** Settings to add or fix (incomplete only). */
  missing: string[];
}

export interface SyncPlan {
  calls: PlannedCall[];
  skipped: SkippedTracker[];
}

export interface Selection {
  feature?: string;
  features?: string;
  allFeatures?: boolean;
  pending?: boolean;
  only?: string;
}

/** Which features a run covers. `resolve` maps a --feature query to a feature (throws a usage error when unknown). */
export function selectFeatures(all: FeatureRef[], sel: Selection, pending: PendingItem[], resolve: (q: string) => FeatureRef): FeatureRef[] {
  const chosen = [sel.feature !== undefined, sel.features !== undefined, Boolean(sel.allFeatures), Boolean(sel.pending)].filter(Boolean).length;
  if (chosen > 1) throw new SpecError('choose one of --feature, --features, --all-features or --pending', { exitCode: 2 });
  if (sel.allFeatures) return all;
  if (sel.pending) {
    const names = new Set(pending.map((p) => p.feature));
    return all.filter((f) => names.has(f.name) || names.has(f.id));
  }
  const queries = sel.features !== undefined ? sel.features.split(',').map((q) => q.trim()).filter(Boolean) : sel.feature !== undefined ? [sel.feature] : [];
  if (!queries.length) throw new SpecError('name what to sync: --feature=N, --features=N,M, --all-features or --pending', { exitCode: 2 });
  const seen = new Map<string, FeatureRef>();
  for (const q of queries) {
    const f = resolve(q);
    seen.set(f.name, f);
  }
  return [...seen.values()].sort((a, b) => a.number - b.number);
}

/** Trackers a run covers: the ready ones, narrowed by --only; the rest come back with the reason. */
export function selectTrackers(config: Pick<Config, 'integrations'>, only?: string): { trackers: Tracker[]; skipped: SkippedTracker[] } {
  let wanted: Tracker[] = [...TRACKERS];
  if (only !== undefined) {
    const names = only.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = names.filter((n) => !(TRACKERS as readonly string[]).includes(n));
    if (bad.length || !names.length) throw new SpecError(`--only: unknown tracker '${bad[0] ?? only}'; use jira, confluence, linear or github`, { exitCode: 2 });
    wanted = TRACKERS.filter((t) => names.includes(t));
  }
  const trackers: Tracker[] = [];
  const skipped: SkippedTracker[] = [];
  for (const t of wanted) {
    const s = config.integrations[t];
    if (s.state === 'ready') trackers.push(t);
    else if (s.state === 'incomplete') {
      skipped.push({ tracker: t, state: 'incomplete', missing: s.missing, reason: `${TRACKER_NAMES[t]} configuration incomplete: missing ${s.missing.join(', ')}` });
    } else if (only !== undefined) {
      skipped.push({ tracker: t, state: 'disabled', missing: [], reason: `${TRACKER_NAMES[t]} not configured${s.reason ? ` (${s.reason})` : ''}` });
    }
  }
  return { trackers, skipped };
}

/** With --pending, keep exactly the items whose last attempt failed. */
export function onlyPending(items: DesiredItem[], pending: PendingItem[]): DesiredItem[] {
  const keys = new Set(pending.map((p) => `${p.feature}\u0000${p.tracker}\u0000${p.item}`));
  return items.filter((i) => keys.has(`${i.feature.name}\u0000${i.tracker}\u0000${i.item}`) || keys.has(`${i.feature.id}\u0000${i.tracker}\u0000${i.item}`));
}

export function planItem(item: DesiredItem, journal: Journal): PlannedCall {
  const entry = journal.items[item.key];
  const remembered = journalLink(journal, item.key);
  const linked = linkOf(item, journal);
  if (linked) {
    const unchanged = entry?.hash === item.hash && entry.remoteId === linked.id && !entry.intent;
    if (unchanged) return { action: 'noop', item, remote: linked, reason: 'unchanged' };
    return { action: 'update', item, remote: linked, reason: entry?.hash ? 'content changed' : 'linked, not synced by this project yet' };
  }
  if (entry?.intent) return { action: 'adopt', item, reason: `create interrupted at ${entry.intent.at}`, intentHash: entry.intent.hash };
  if (remembered) return { action: 'adopt', item, reason: `link lost (was ${remembered.id})` };
  return { action: 'create', item, reason: 'not linked' };
}

export function planSync(items: DesiredItem[], journal: Journal, skipped: SkippedTracker[] = []): SyncPlan {
  return { calls: items.map((i) => planItem(i, journal)), skipped };
}

export function countActions(calls: PlannedCall[]): Record<Action, number> {
  const counts: Record<Action, number> = { create: 0, update: 0, noop: 0, adopt: 0 };
  for (const c of calls) counts[c.action]++;
  return counts;
}
