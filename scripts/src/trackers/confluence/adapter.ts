// Placeholder until the confluence adapter lands: every item fails as not-configured, locally nothing breaks.
import type { Adapter, AdapterContext } from '../../sync/adapter.js';
import { TrackerError } from '../errors.js';

export function confluenceAdapter(_ctx: AdapterContext): Adapter<'confluence'> {
  const unavailable = () => new TrackerError({ kind: 'not-configured', integration: 'confluence', message: 'confluence sync is not available in this build' });
  return {
    tracker: 'confluence',
    batchSize: 1,
    async findOrphan() {
      return undefined;
    },
    async create(items) {
      return items.map(unavailable);
    },
    async update() {
      throw unavailable();
    },
    writeBack() {},
  };
}
