// spec new "<title>": allocate ###-slug, write spec.md from the template, make it current, branch in git.
// Nothing is left half-made: the document is rendered and parsed before its directory exists, and a
// failed write removes the directory again before the session points at it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { Output } from '../../core/output.js';
import { loadConfig } from '../../config/load.js';
import { writeFileAtomic } from '../../state/atomic.js';
import { updateSession } from '../../state/session.js';
import { snapshot } from '../../workspace/documents.js';
import { allocateFeature, rejectPathLike } from '../../workspace/features.js';
import { numbersOnBranches } from '../../workspace/git-features.js';
import { branchName, createFeatureBranch, type BranchResult } from '../../workspace/git.js';
import { refreshProgress } from '../../workspace/progress.js';
import { findProjectRoot } from '../../workspace/root.js';
import { renderDocument, resolveTemplate } from '../../workspace/templates.js';
import { normalizeTitle } from '../../workspace/title.js';

async function titleFrom(ctx: CommandContext): Promise<string> {
  if (!boolFlag(ctx.args, 'stdin')) return normalizeTitle(ctx.args.positionals.join(' '));
  if (ctx.args.positionals.length) throw new UsageError('give the title either on standard input (--stdin) or as an argument, not both');
  return normalizeTitle(await ctx.readStdin());
}

export async function run(ctx: CommandContext): Promise<number> {
  const title = await titleFrom(ctx);
  if (!title) throw new UsageError('a title is needed: spec new "<title>"');
  if (title.length > 200) throw new UsageError('the title is longer than 200 characters; shorten it');
  rejectPathLike(title, 'title');
  if (boolFlag(ctx.args, 'branch') && boolFlag(ctx.args, 'no-branch')) throw new UsageError('--branch and --no-branch contradict each other');

  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const template = resolveTemplate(root, 'spec.md');
  const elsewhere = await numbersOnBranches(root, config.git.pattern);
  const feature = allocateFeature(root, title, new Set(elsewhere.map((u) => u.number)));
  const date = new Date().toISOString().slice(0, 10);
  const branch = branchName(config.git.pattern, feature.id, feature.slug);
  const specPath = join(feature.dir, 'spec.md');
  const display = `features/${feature.name}/spec.md`;
  try {
    const text = renderDocument(template.text, { title, id: feature.id, feature: feature.name, date, branch }, template.display);
    writeFileAtomic(specPath, text, display);
  } catch (error) {
    rmSync(feature.dir, { recursive: true, force: true });
    throw error;
  }
  ctx.out.ok(`Created ${display}${template.source === 'project' ? ' (from .spec/templates/spec.md)' : ''}`);

  const wantBranch = boolFlag(ctx.args, 'branch') || (!boolFlag(ctx.args, 'no-branch') && config.git.branch);
  let result: BranchResult | undefined;
  if (wantBranch) {
    result = await createFeatureBranch(root, branch);
    if (result.created) ctx.out.ok(`Switched to new branch ${branch}`);
    else ctx.out.skip(`Branch: ${result.note}`);
  }

  // The phase is the one status derives from the files, so the two never disagree.
  const snap = snapshot(feature);
  updateSession(root, (s) => ({ ...s, feature: feature.name, phase: snap.phase, next: snap.next }), config.secrets);
  refreshProgress(root, undefined, snap);
  ctx.out.next(`Current feature: ${feature.name}`);
  if (boolFlag(ctx.args, 'sync')) {
    // The seed's `generate "<title>" --sync`: the feature is made; now mirror it as `sync --feature` does.
    // new is a phase command: whatever the trackers answer, the local job succeeded (exit 0).
    ctx.out.line('');
    const sync = await import('../sync/index.js');
    const args = { positionals: [], flags: { feature: feature.id } };
    if (ctx.out.json) {
      // Its own JSON object, nested under `sync`, so its fields do not overwrite new's.
      const captured: string[] = [];
      const out = new Output(true, { write: (t: string) => captured.push(t) }, { write: () => undefined });
      const code = await sync.run({ ...ctx, out, args });
      out.flush();
      ctx.out.set({ sync: { exitCode: code, ...(JSON.parse(captured.join('')) as Record<string, unknown>) } });
    } else await sync.run({ ...ctx, args });
    ctx.out.line('');
  }
  ctx.out.line(`Next: fill in ${display} (/spec:generate), then /spec:plan`);
  ctx.out.set({
    ok: true,
    feature: { id: feature.id, number: feature.number, name: feature.name, slug: feature.slug, dir: feature.dir, spec: specPath, title, phase: snap.phase },
    template: template.source,
    branch: result ?? { created: false, branch, note: 'branch creation disabled' },
  });
  return 0;
}
