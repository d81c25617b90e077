// An in-memory tracker implementing the Adapter contract, to drive the engine without HTTP. It keeps
// remote items by the feature label and item name, the way real adapters find orphans.
import type { Adapter, DesiredItem, RemoteRef, Tracker } from '../../scripts/src/trackers/contract.js';
import { TrackerError } from '../../scripts/src/trackers/errors.js';
import { writeGithubIssues, writeJiraLink, writeLinearLink, writeConfluenceLink } from '../../scripts/src/workspace/links.js';

export interface FakeRemote {
  items: Map<string, { id: string; payload: unknown; parent?: string }>;
  calls: string[];
}

export function fakeAdapter<T extends Tracker>(tracker: T, remote: FakeRemote, o: { batchSize?: number; failCreate?: (item: DesiredItem<T>, n: number) => TrackerError | undefined } = {}): Adapter<T> {
  let next = 100;
  let creates = 0;
  const tag = (i: DesiredItem) => `spec-${i.feature.name}/${i.item}`;
  const ref = (id: string): RemoteRef => (tracker === 'jira' ? { id, url: `https://x.test/browse/${id}` } : tracker === 'github' ? { id, display: `#${id}` } : { id });
  return {
    tracker,
    batchSize: o.batchSize ?? 1,
    async findOrphan(item) {
      remote.calls.push(`find ${item.key}`);
      const hit = remote.items.get(tag(item));
      return hit ? ref(hit.id) : undefined;
    },
    async create(items) {
      remote.calls.push(`create ${items.map((i) => i.key).join(',')}`);
      return items.map((item) => {
        const failure = o.failCreate?.(item, ++creates);
        if (failure) return failure;
        const id = tracker === 'jira' ? `PROJ-${next++}` : String(next++);
        remote.items.set(tag(item), { id, payload: item.payload, ...(item.parent ? { parent: item.parent.id } : {}) });
        return ref(id);
      });
    },
    async update(item, r) {
      remote.calls.push(`update ${item.key}`);
      const hit = [...remote.items.values()].find((x) => x.id === r.id);
      if (!hit) throw new TrackerError({ kind: 'not-found', integration: tracker, message: `${r.id} not found`, status: 404 });
      hit.payload = item.payload;
      return r;
    },
    writeBack(item, r) {
      remote.calls.push(`writeBack ${item.key}`);
      if (item.tracker === 'jira') writeJiraLink(item.feature, r.id, r.url);
      else if (item.tracker === 'linear' && item.item === 'issue') writeLinearLink(item.feature, r.id, r.url);
      else if (item.tracker === 'confluence') writeConfluenceLink(item.feature, item.item === 'page' ? 'plan.md' : 'spec.md', r.id, r.url);
      else if (item.tracker === 'github') writeGithubIssues(item.feature, { [item.item]: Number(r.id) });
    },
  };
}

export const newRemote = (): FakeRemote => ({ items: new Map(), calls: [] });
