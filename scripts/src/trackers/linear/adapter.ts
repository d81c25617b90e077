// Placeholder until the linear adapter lands: every item fails as not-configured, locally nothing breaks.
import type { Adapter, AdapterContext } from '../../sync/adapter.js';
import { TrackerError } from '../errors.js';

export function linearAdapter(_ctx: AdapterContext): Adapter<'linear'> {
  const unavailable = () => new TrackerError({ kind: 'not-configured', integration: 'linear', message: 'linear sync is not available in this build' });
  return {
    tracker: 'linear',
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
