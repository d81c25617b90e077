// spec status: current feature, phase, task progress, integration health, last sync, pending items.
import { stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { loadConfig } from '../../config/load.js';
import { readPending } from '../../state/pending.js';
import { readSession } from '../../state/session.js';
import { currentFeature } from '../../workspace/current.js';
import { snapshot } from '../../workspace/documents.js';
import { listFeatures, numberingProblems } from '../../workspace/features.js';
import { findProjectRoot } from '../../workspace/root.js';
import { healthLines } from './integrations.js';

export async function run(ctx: CommandContext): Promise<number> {
  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const session = readSession(root);
  const flag = stringFlag(ctx.args, 'feature');
  const features = listFeatures(root);
  const feature = currentFeature(root, { flag, session, features });
  const health = healthLines(config, session.integrations ?? {});
  const pending = readPending(root);
  const featureCount = features.length;

  if (!feature) {
    ctx.out.line('Current Feature: (none)');
    ctx.out.line(`Features: ${featureCount}`);
  }
  const snap = feature ? snapshot(feature) : undefined;
  if (snap) {
    ctx.out.line(`Current Feature: ${snap.feature.name} (${snap.title})`);
    ctx.out.line(`Phase: ${snap.phase}`);
    const p = snap.progress;
    ctx.out.line(`Tasks: ${p.total ? `${p.done}/${p.total} done (${p.percent}%)` : 'no tasks.md yet'}`);
  }
  ctx.out.line('Integrations:');
  for (const h of health) ctx.out.line(`  ${h.symbol} ${h.text}`);
  if (pending.length) ctx.out.line(`Pending sync: ${pending.length} item(s) failed last time → spec sync --pending`);
  for (const issue of config.issues.filter((i) => i.level === 'error')) ctx.out.warn(`Warning: ${issue.message}`);
  // Two branches that each made feature 001 meet after a merge: --feature=001 is then ambiguous.
  const duplicates = numberingProblems(features).filter((p) => p.kind === 'duplicate');
  for (const d of duplicates) ctx.out.warn(`Warning: ${d.message}`);
  const next = snap?.next ?? '/spec:generate "<feature title>"';
  ctx.out.line(`Next: ${next}`);

  ctx.out.set({
    root,
    feature: snap
      ? {
          id: snap.feature.id,
          name: snap.feature.name,
          title: snap.title,
          phase: snap.phase,
          tasks: snap.progress,
          links: {
            jira_id: snap.spec?.data.jira_id ?? null,
            linear_id: snap.spec?.data.linear_id ?? null,
            confluence_page_id: snap.plan?.data.confluence_page_id ?? null,
            github_issues: snap.tasksDoc?.data.github_issues ?? null,
          },
        }
      : null,
    features: featureCount,
    integrations: Object.fromEntries(
      health.map((h) => [h.name, { state: h.state, text: h.text, last: session.integrations?.[h.name] ?? null }]),
    ),
    pending: pending.length,
    warnings: duplicates.map((d) => d.message),
    syncMode: config.syncMode,
    integrationsReady: Object.values(config.integrations).filter((i) => i.state === 'ready').map((i) => i.name),
    next,
  });
  return 0;
}
