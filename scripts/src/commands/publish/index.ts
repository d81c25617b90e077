// spec publish --confluence --feature=N [--update]: the Confluence part of a sync for one feature.
// --update takes over a page that already has the feature's title (it gets a new version) instead
// of stopping at the duplicate title.
import { boolFlag, stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { runSync } from '../../sync/run.js';

export async function run(ctx: CommandContext): Promise<number> {
  if (!boolFlag(ctx.args, 'confluence')) throw new UsageError('publish needs a target: spec publish --confluence --feature=N [--update]');
  if (ctx.args.positionals.length) throw new UsageError(`publish takes no arguments (got '${ctx.args.positionals[0]}'): spec publish --confluence --feature=N [--update]`);
  const feature = stringFlag(ctx.args, 'feature');
  if (!feature) throw new UsageError('--feature is required: spec publish --confluence --feature=003');
  const updateExisting = boolFlag(ctx.args, 'update');
  const { confluenceAdapter } = await import('../../trackers/confluence/adapter.js');
  const { code } = await runSync(ctx, { adapters: { confluence: (a) => confluenceAdapter(a, { updateExisting }) }, selection: { feature, only: 'confluence' } });
  return code;
}
