// spec new "<title>": allocate ###-slug, write spec.md from the template, make it current, branch in git.
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { loadConfig } from '../../config/load.js';
import { writeFileAtomic } from '../../state/atomic.js';
import { updateSession } from '../../state/session.js';
import { allocateFeature, rejectPathLike } from '../../workspace/features.js';
import { branchName, createFeatureBranch, type BranchResult } from '../../workspace/git.js';
import { findProjectRoot } from '../../workspace/root.js';
import { renderTemplate, resolveTemplate } from '../../workspace/templates.js';
import { join } from 'node:path';
import { refreshProgress } from '../../workspace/progress.js';

export async function run(ctx: CommandContext): Promise<number> {
  const title = ctx.args.positionals.join(' ').trim();
  if (!title) throw new UsageError('a title is needed: spec new "<title>"');
  if (title.length > 200) throw new UsageError('the title is longer than 200 characters; shorten it');
  rejectPathLike(title, 'title');
  if (boolFlag(ctx.args, 'branch') && boolFlag(ctx.args, 'no-branch')) throw new UsageError('--branch and --no-branch contradict each other');

  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const template = resolveTemplate(root, 'spec.md');
  const feature = allocateFeature(root, title);
  const date = new Date().toISOString().slice(0, 10);
  const branch = branchName(config.git.pattern, feature.id, feature.slug);
  const specPath = join(feature.dir, 'spec.md');
  const display = `features/${feature.name}/spec.md`;
  writeFileAtomic(
    specPath,
    renderTemplate(template.text, { title: title.replace(/[\r\n]+/g, ' '), id: feature.id, feature: feature.name, date, branch }),
    display,
  );
  ctx.out.ok(`Created ${display}${template.source === 'project' ? ' (from .spec/templates/spec.md)' : ''}`);

  const wantBranch = boolFlag(ctx.args, 'branch') || (!boolFlag(ctx.args, 'no-branch') && config.git.branch);
  let result: BranchResult | undefined;
  if (wantBranch) {
    result = await createFeatureBranch(root, branch, `features/${feature.name}`);
    if (result.created) ctx.out.ok(`Switched to new branch ${branch}`);
    else ctx.out.skip(`Branch: ${result.note}`);
  }

  updateSession(root, (s) => ({ ...s, feature: feature.name, phase: 'Specification', next: `/spec:plan --feature=${feature.id}` }), config.secrets);
  refreshProgress(root);
  ctx.out.next(`Current feature: ${feature.name}`);
  ctx.out.line(`Next: fill in ${display} (/spec:generate), then /spec:plan`);
  ctx.out.set({
    ok: true,
    feature: { id: feature.id, number: feature.number, name: feature.name, slug: feature.slug, dir: feature.dir, spec: specPath, title },
    template: template.source,
    branch: result ?? { created: false, branch, note: 'branch creation disabled' },
  });
  return 0;
}
