// The remote half of `audit --missing-integrations`: for every linked item of a ready tracker, one
// read through its adapter (at most a few in flight) to learn whether the item still exists.
import { TRACKER_NAMES } from '../../config/keys.js';
import { TRACKERS, type AnyAdapter, type DesiredItem, type RemoteRef, type Tracker } from '../../trackers/contract.js';
import { mapLimit } from '../../sync/map-limit.js';
import { TrackerError } from '../../trackers/errors.js';

export interface GoneItem {
  tracker: Tracker;
  feature: string;
  featureId: string;
  item: string;
  remote: string;
  fix: string;
}

export interface Unchecked {
  tracker: Tracker;
  message: string;
}

/** Reads in flight per tracker: enough to be quick, few enough to stay far from any limit. */
export const AUDIT_CONCURRENCY = 4;

/** The command that points a feature at the item that replaced a deleted one. */
export function relinkCommand(item: DesiredItem, featureId: string): string {
  switch (item.tracker) {
    case 'github':
      return `spec link --feature=${featureId} --github=${item.item}:<number>`;
    case 'linear':
      return item.item === 'issue' ? `spec link --feature=${featureId} --linear=<ID>` : `spec sync --feature=${featureId} --only=linear`;
    case 'jira':
      return `spec link --feature=${featureId} --jira=<KEY>`;
    case 'confluence':
      return `spec link --feature=${featureId} --confluence=<page id>`;
  }
}

/** Stop reading a tracker after these: every further read would fail the same way. */
const STOP = new Set(['auth', 'network', 'rate-limit', 'not-configured', 'invalid-config', 'permission']);

export async function checkRemote(linked: Array<{ item: DesiredItem; remote: RemoteRef }>, adapters: Partial<Record<Tracker, AnyAdapter>>): Promise<{ gone: GoneItem[]; unchecked: Unchecked[]; checked: number }> {
  const gone: GoneItem[] = [];
  const unchecked: Unchecked[] = [];
  let checked = 0;
  const byTracker = new Map<Tracker, typeof linked>();
  for (const l of linked) byTracker.set(l.item.tracker, [...(byTracker.get(l.item.tracker) ?? []), l]);
  await Promise.all(
    [...byTracker].map(async ([tracker, list]) => {
      const adapter = adapters[tracker];
      if (!adapter?.remoteExists) {
        unchecked.push({ tracker, message: `${TRACKER_NAMES[tracker]} items not checked remotely (no lookup in this build)` });
        return;
      }
      let stopped: TrackerError | undefined;
      await mapLimit(list, AUDIT_CONCURRENCY, async ({ item, remote }) => {
        if (stopped) return;
        try {
          const exists = await adapter.remoteExists!(item as never, remote);
          checked += 1;
          if (!exists) gone.push({ tracker, feature: item.feature.name, featureId: item.feature.id, item: item.item, remote: remote.display ?? remote.id, fix: relinkCommand(item, item.feature.id) });
        } catch (error) {
          if (!(error instanceof TrackerError)) throw error;
          if (STOP.has(error.kind)) stopped ??= error;
          else unchecked.push({ tracker, message: `${item.feature.id} ${item.item}: ${error.message}` });
        }
      });
      if (stopped) unchecked.push({ tracker, message: `${TRACKER_NAMES[tracker]} could not be read (${stopped.message}) → spec test-integration --${tracker}` });
    }),
  );
  gone.sort((a, b) => a.featureId.localeCompare(b.featureId) || TRACKERS.indexOf(a.tracker) - TRACKERS.indexOf(b.tracker) || a.item.localeCompare(b.item));
  return { gone, unchecked, checked };
}
