// Which adapter serves which tracker. Each module is imported only when its tracker is configured and selected,
// so a sync to GitHub never loads the JIRA client.
import type { Config } from '../config/load.js';
import type { AdapterContext, AdapterFactory, AnyAdapter, Tracker } from './contract.js';

const LOADERS: Record<Tracker, () => Promise<AdapterFactory>> = {
  jira: async () => (await import('./jira/adapter.js')).jiraAdapter,
  confluence: async () => (await import('./confluence/adapter.js')).confluenceAdapter,
  linear: async () => (await import('./linear/adapter.js')).linearAdapter,
  github: async () => (await import('./github/adapter.js')).githubAdapter,
};

export async function loadAdapters(config: Config, only?: readonly Tracker[]): Promise<Partial<Record<Tracker, AdapterFactory>>> {
  const out: Partial<Record<Tracker, AdapterFactory>> = {};
  for (const tracker of Object.keys(LOADERS) as Tracker[]) {
    if (only && !only.includes(tracker)) continue;
    if (config.integrations[tracker].state !== 'ready') continue;
    out[tracker] = await LOADERS[tracker]();
  }
  return out;
}

/** The adapters of one run, one per tracker that has a factory. */
export function instantiate(factories: Partial<Record<Tracker, AdapterFactory>>, trackers: readonly Tracker[], ctx: AdapterContext): Partial<Record<Tracker, AnyAdapter>> {
  const out: Partial<Record<Tracker, AnyAdapter>> = {};
  for (const t of trackers) {
    const make = factories[t];
    if (make) out[t] = make(ctx);
  }
  return out;
}
