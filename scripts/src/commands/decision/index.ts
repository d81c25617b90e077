// spec decision "<title>": append a decision record to .spec-memory/DECISIONS-LOG.md.
import { stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { appendDecision } from '../../state/memory.js';
import { resolveFeature } from '../../workspace/features.js';
import { findProjectRoot } from '../../workspace/root.js';

export async function run(ctx: CommandContext): Promise<number> {
  const title = ctx.args.positionals.join(' ').trim();
  if (!title) throw new UsageError('a title is needed: spec decision "<title>" [--body=…]');
  const root = findProjectRoot(ctx.cwd);
  const flag = stringFlag(ctx.args, 'feature');
  const feature = flag ? resolveFeature(root, flag).name : undefined;
  const body = stringFlag(ctx.args, 'body');
  const record = appendDecision(root, { title: title.replace(/[\r\n]+/g, ' '), ...(feature ? { feature } : {}), ...(body ? { body } : {}) });
  const { id } = record;
  ctx.out.ok(`Recorded ${id}: ${title} in .spec-memory/DECISIONS-LOG.md`);
  ctx.out.set({ ok: true, id, feature: feature ?? null, file: '.spec-memory/DECISIONS-LOG.md' });
  return 0;
}
