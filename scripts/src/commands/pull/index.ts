// spec pull: bring remote changes into the local files (states always; edits as a diff, merged with --apply).
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { runPull } from '../../sync/pull.js';
import { printInbound, selectionFromArgs } from '../../sync/run.js';
import { loadAdapters } from '../../trackers/load.js';

export async function run(ctx: CommandContext): Promise<number> {
  const apply = boolFlag(ctx.args, 'apply');
  const report = await runPull(ctx, { adapters: (config, trackers) => loadAdapters(config, trackers), selection: selectionFromArgs(ctx), apply });
  printInbound(ctx, report.changes);
  for (const p of report.edits) {
    const id = p.edit.feature.id;
    ctx.out.line(`← ${id}: ${p.edit.label} was edited remotely (${p.edit.fields.join(', ')})`);
    if (p.titleChange) ctx.out.line(`  ${p.edit.titleField}: "${p.titleChange.from}" → "${p.titleChange.to}"`);
    if (p.diff) for (const l of p.diff.replace(/\n$/, '').split('\n')) ctx.out.line(`  ${l}`);
    const a = p.applied;
    if (!a) ctx.out.next(`spec pull --feature=${id} --apply to merge it into features/${p.edit.feature.name}/${p.edit.file} (or spec sync --feature=${id} --force to overwrite it)`);
    else if (a.conflicts) ctx.out.fail(`${id}: ${a.file} has ${a.conflicts} conflict(s) with ${p.edit.label}${a.title === 'conflict' ? ' (the title too: kept yours)' : ''}; resolve the <<<<<<< markers, then spec sync --feature=${id}`);
    else ctx.out.ok(`${id}: merged ${p.edit.label} into ${a.file}${a.title === 'taken' ? ' (title taken from it)' : ''}; spec sync --feature=${id} sends the merged text`);
  }
  if (!report.changes.length && !report.edits.length) ctx.out.skip('nothing changed remotely');
  ctx.out.set({ changes: report.changes.map((c) => ({ feature: c.feature.name, direction: c.direction ?? 'in', message: c.message })), edits: report.edits.map((p) => ({ feature: p.edit.feature.name, item: p.edit.label, fields: p.edit.fields, diff: p.diff, applied: p.applied ?? null })) });
  return report.code;
}
