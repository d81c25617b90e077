// spec audit --missing-integrations [--json]: for each enabled tracker, the features without links;
// drift (content changed since the last sync, or linked but never synced from here); and linked remote
// items that no longer exist (one read per linked item of each ready tracker). Every finding names the
// command that fixes it. Exit 0 when nothing is missing, 1 when something is (scripts rely on it); a
// tracker that cannot be read is a warning naming its check command, not a finding.
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { TRACKER_NAMES } from '../../config/keys.js';
import { loadConfig } from '../../config/load.js';
import { auditIntegrations, auditLines } from '../../sync/audit.js';
import { instantiate, loadAdapters } from '../../trackers/load.js';
import { listFeatures } from '../../workspace/features.js';
import { findProjectRoot } from '../../workspace/root.js';
import { checkRemote } from './remote.js';

export async function run(ctx: CommandContext): Promise<number> {
  if (!boolFlag(ctx.args, 'missing-integrations')) throw new UsageError('say what to audit: spec audit --missing-integrations [--json]');
  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const features = listFeatures(root);
  const local = auditIntegrations(root, config, features);
  if (!local.trackers.length) {
    ctx.out.skip('No integration enabled; nothing to audit');
    ctx.out.set({ ok: true, trackers: [], missing: [], drift: [], gone: [], unchecked: [] });
    return 0;
  }

  const ready = local.trackers.filter((t) => config.integrations[t].state === 'ready');
  const factories = await loadAdapters(config, ready);
  const adapters = instantiate(factories, ready, { root, config, env: ctx.env, batch: false });
  const remote = await checkRemote(local.linked.filter((l) => ready.includes(l.item.tracker)), adapters);

  for (const t of local.trackers.filter((x) => config.integrations[x].state === 'incomplete')) {
    ctx.out.skip(`${TRACKER_NAMES[t]} not configured (missing ${config.integrations[t].missing.join(', ')}): links listed, remote items not checked`);
  }
  const lines = [...auditLines(local), ...remote.gone.map((g) => `✗ ${g.featureId}: ${TRACKER_NAMES[g.tracker]} ${g.remote} (${g.item}) no longer exists (404) → ${g.fix}`)];
  for (const l of lines) ctx.out.line(l);
  for (const u of remote.unchecked) ctx.out.warn(`Warning: ${u.message}`);
  const problems = local.missing.length + local.drift.length + remote.gone.length;
  if (!problems) ctx.out.ok(`${features.length} feature(s) linked and in sync with ${local.trackers.map((t) => TRACKER_NAMES[t]).join(', ')}${remote.checked ? ` (${remote.checked} remote item(s) checked)` : ''}`);
  ctx.out.set({ ok: problems === 0, trackers: local.trackers, missing: local.missing, drift: local.drift, gone: remote.gone, unchecked: remote.unchecked, checked: remote.checked });
  return problems ? 1 : 0;
}
