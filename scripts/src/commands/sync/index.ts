// spec sync: plan every call for every configured tracker, then run it (see sync/adapter.ts).
import type { CommandContext } from '../../core/context.js';
import { loadConfig } from '../../config/load.js';
import { runSync } from '../../sync/run.js';
import { loadAdapters } from '../../trackers/adapters.js';
import { findProjectRoot } from '../../workspace/root.js';

export async function run(ctx: CommandContext): Promise<number> {
  const config = loadConfig(findProjectRoot(ctx.cwd), ctx.env);
  return (await runSync(ctx, { adapters: await loadAdapters(config) })).code;
}
