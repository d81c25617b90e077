// Placeholder until the jira adapter lands: every item fails as not-configured, locally nothing breaks.
import type { Adapter, AdapterContext } from '../../sync/adapter.js';
import { TrackerError } from '../errors.js';

export function jiraAdapter(_ctx: AdapterContext): Adapter<'jira'> {
  const unavailable = () => new TrackerError({ kind: 'not-configured', integration: 'jira', message: 'jira sync is not available in this build' });
  return {
    tracker: 'jira',
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
