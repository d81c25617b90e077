// What `audit --missing-integrations` needs: per enabled tracker, the features whose items have no link,
// and the features whose content changed since their last sync (hash ≠ journal). Local only, no calls.
import type { Config } from '../config/load.js';
import { TRACKER_NAMES } from '../config/keys.js';
import { snapshot } from '../workspace/documents.js';
import type { FeatureRef } from '../workspace/features.js';
import { TRACKERS, type DesiredItem, type RemoteRef, type Tracker } from '../trackers/contract.js';
import { desiredItems, loadDesireContext } from './desired.js';
import { linkOf, readJournal } from './journal.js';

export interface MissingLink {
  tracker: Tracker;
  feature: string;
  featureId: string;
  /** Item names without a link: `story`, `page`, `T001` … */
  items: string[];
  fix: string;
}

export interface Drift {
  tracker: Tracker;
  feature: string;
  featureId: string;
  items: string[];
  /** `changed`: content differs from what was last sent; `unsynced`: linked (by hand?) but never synced here. */
  reason: 'changed' | 'unsynced';
  fix: string;
}

export interface IntegrationAudit {
  trackers: Tracker[];
  missing: MissingLink[];
  drift: Drift[];
  /** Every linked item with its remote reference, for the remote (404) check. */
  linked: Array<{ item: DesiredItem; remote: RemoteRef }>;
}

export function auditIntegrations(root: string, config: Config, features: FeatureRef[]): IntegrationAudit {
  const trackers = TRACKERS.filter((t) => config.integrations[t].state !== 'disabled');
  const ctx = loadDesireContext(root, config);
  const journal = readJournal(root);
  const missing: MissingLink[] = [];
  const drift: Drift[] = [];
  const linkedAll: IntegrationAudit['linked'] = [];
  for (const f of features) {
    const snap = snapshot(f);
    for (const t of trackers) {
      const items = desiredItems(t, snap, ctx);
      const fix = `spec sync --feature=${f.id} --only=${t}`;
      const unlinked: DesiredItem[] = [];
      const linked: DesiredItem[] = [];
      for (const i of items) {
        const remote = linkOf(i, journal);
        if (!remote) unlinked.push(i);
        else {
          linked.push(i);
          linkedAll.push({ item: i, remote });
        }
      }
      if (unlinked.length) missing.push({ tracker: t, feature: f.name, featureId: f.id, items: unlinked.map((i) => i.item), fix });
      const changed = linked.filter((i) => journal.items[i.key]?.hash && journal.items[i.key]?.hash !== i.hash);
      const unsynced = linked.filter((i) => !journal.items[i.key]?.hash);
      if (changed.length) drift.push({ tracker: t, feature: f.name, featureId: f.id, items: changed.map((i) => i.item), reason: 'changed', fix });
      if (unsynced.length) drift.push({ tracker: t, feature: f.name, featureId: f.id, items: unsynced.map((i) => i.item), reason: 'unsynced', fix });
    }
  }
  return { trackers, missing, drift, linked: linkedAll };
}

export function auditLines(a: IntegrationAudit): string[] {
  const lines: string[] = [];
  for (const m of a.missing) lines.push(`✗ ${m.featureId}: no ${TRACKER_NAMES[m.tracker]} link (${m.items.join(', ')}) → ${m.fix}`);
  for (const d of a.drift) {
    const why = d.reason === 'changed' ? 'changed since last sync' : 'linked but never synced from here';
    lines.push(`✗ ${d.featureId}: ${TRACKER_NAMES[d.tracker]} ${why} (${d.items.join(', ')}) → ${d.fix}`);
  }
  return lines;
}
