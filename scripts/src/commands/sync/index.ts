// spec sync: plan every call for every configured tracker, then run it (see trackers/contract.ts).
import type { CommandContext } from '../../core/context.js';
import { runSync } from '../../sync/run.js';
import { loadAdapters } from '../../trackers/load.js';

export async function run(ctx: CommandContext): Promise<number> {
  return (await runSync(ctx, { adapters: (config, trackers) => loadAdapters(config, trackers) })).code;
}
