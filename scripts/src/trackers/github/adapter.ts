// Placeholder until the github adapter lands: every item fails as not-configured, locally nothing breaks.
import type { Adapter, AdapterContext } from '../../sync/adapter.js';
import { TrackerError } from '../errors.js';

export function githubAdapter(_ctx: AdapterContext): Adapter<'github'> {
  const unavailable = () => new TrackerError({ kind: 'not-configured', integration: 'github', message: 'github sync is not available in this build' });
  return {
    tracker: 'github',
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
