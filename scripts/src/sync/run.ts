// One sync run from flags to exit code, for `commands/sync` and `publish` to call with their adapters:
// select → reconcile → declare → plan → (dry-run: print) → execute → summary.
import { loadConfig, type Config } from '../config/load.js';
import { boolFlag, stringFlag } from '../core/args.js';
import type { CommandContext } from '../core/context.js';
import { readPending } from '../state/pending.js';
import { snapshot } from '../workspace/documents.js';
import { listFeatures, resolveFeature } from '../workspace/features.js';
import { findProjectRoot } from '../workspace/root.js';
import type { AdapterContext, AdapterFactory, DesiredItem, ReconcileChange, Tracker } from '../trackers/contract.js';
import { desiredItems, loadDesireContext } from './desired.js';
import { executePlan, type ItemResult } from './executor.js';
import { readJournal } from './journal.js';
import { onlyPending, planSync, selectFeatures, selectTrackers, type Selection, type SkippedTracker, type SyncPlan } from './planner.js';
import { TRACKER_NAMES } from '../config/keys.js';
import { TrackerError } from '../trackers/errors.js';
import { recoveryCommand } from '../trackers/recovery.js';
import { recordFailure } from '../trackers/record.js';
import { instantiate } from '../trackers/load.js';
import { planLines, printSummary, progressReporter } from './report.js';

type AdapterFactories = Partial<Record<Tracker, AdapterFactory>>;

export interface RunSyncOptions {
  /** Adapter factories by tracker; a ready tracker without one fails its items as not-configured. */
  adapters: AdapterFactories | ((config: Config, trackers: readonly Tracker[]) => Promise<AdapterFactories>);
  /** Overrides the flags (publish: `{feature, only: 'confluence'}`). */
  selection?: Selection;
  /** Where the progress bar goes; defaults to process.stderr. */
  progress?: { write(text: string): unknown; isTTY?: boolean };
}

export interface RunSyncResult {
  code: number;
  plan: SyncPlan;
  results: ItemResult[];
}

export function selectionFromArgs(ctx: CommandContext): Selection {
  const a = ctx.args;
  const s: Selection = {};
  const feature = stringFlag(a, 'feature');
  const features = stringFlag(a, 'features');
  const only = stringFlag(a, 'only');
  if (feature !== undefined) s.feature = feature;
  if (features !== undefined) s.features = features;
  if (only !== undefined) s.only = only;
  if (boolFlag(a, 'all-features')) s.allFeatures = true;
  if (boolFlag(a, 'pending')) s.pending = true;
  return s;
}

export async function runSync(ctx: CommandContext, options: RunSyncOptions): Promise<RunSyncResult> {
  const root = findProjectRoot(ctx.cwd);
  const config: Config = loadConfig(root, ctx.env);
  const sel = options.selection ?? selectionFromArgs(ctx);
  const dryRun = boolFlag(ctx.args, 'dry-run');
  const pending = readPending(root);
  const features = selectFeatures(listFeatures(root), sel, pending, (q) => resolveFeature(root, q));
  const { trackers, skipped } = selectTrackers(config, sel.only);
  const actx: AdapterContext = { root, config, env: ctx.env, batch: boolFlag(ctx.args, 'batch'), force: boolFlag(ctx.args, 'force') };
  // A loader gets the config this run already read, so CLAUDE.md is read once, and the trackers it
  // selected, so `--only=github` imports only the GitHub adapter.
  const factories = typeof options.adapters === 'function' ? await options.adapters(config, trackers) : options.adapters;
  const adapters = instantiate(factories, trackers, actx);

  let snaps = features.map(snapshot);
  if (!dryRun) {
    let changed = false;
    for (const t of trackers) {
      const notes = (await adapters[t]?.reconcile?.(snaps)) ?? [];
      printInbound(ctx, notes);
      changed ||= notes.length > 0;
    }
    if (changed) snaps = features.map(snapshot);
  }

  const dctx = loadDesireContext(root, config);
  let items: DesiredItem[] = snaps.flatMap((s) => trackers.flatMap((t) => desiredItems(t, s, dctx)));
  if (sel.pending) items = onlyPending(items, pending);
  for (const w of dctx.warnings) ctx.out.warn(`Warning: ${w}`);
  const plan = planSync(items, readJournal(root), skipped);
  reportSkipped(ctx, root, config, skipped, sel, dryRun, sel.feature ? features[0]?.id : undefined);

  if (dryRun) {
    for (const l of planLines(plan)) ctx.out.line(l);
    ctx.out.set({ dryRun: true, plan: plan.calls.map((c) => ({ action: c.action, key: c.item.key, tracker: c.item.tracker, feature: c.item.feature.name, item: c.item.item, remote: c.remote?.id ?? null, reason: c.reason, hash: c.item.hash })), skipped });
    return { code: 0, plan, results: [] };
  }
  if (!plan.calls.length && !skipped.length && trackers.length) ctx.out.skip('nothing to sync');

  const progress = progressReporter(options.progress ?? process.stderr, !ctx.out.json);
  const results = await executePlan(plan, { root, adapters, secrets: config.secrets, onItem: progress.onItem });
  progress.end();
  printSummary(ctx.out, results);
  // A tracker that is switched on but cannot run, or one asked for by --only that is off, is a failed request.
  const failed = results.some((r) => r.outcome === 'failed' || r.outcome === 'deferred') || skipped.length > 0;
  return { code: failed ? 1 : 0, plan, results };
}

/** Remote changes brought in (`← 003: T005 checked (GitHub #5 closed by octocat)`), status sent out, warnings. */
export function printInbound(ctx: CommandContext, notes: ReconcileChange[]): void {
  for (const n of notes) {
    if (n.direction === 'warn') ctx.out.warn(`! ${n.feature.id}: ${n.message}`);
    else ctx.out.line(`${n.direction === 'out' ? '→' : '←'} ${n.feature.id}: ${n.message}`);
  }
}

/**
 * Trackers the run could not cover. Switched on but incomplete is the seed's "config incomplete": a ✗,
 * a log line and the fix. Nothing configured at all is only a note: local work is the point.
 */
function reportSkipped(ctx: CommandContext, root: string, config: Config, skipped: SkippedTracker[], sel: Selection, dryRun: boolean, feature: string | undefined): void {
  for (const s of skipped) {
    if (s.state === 'disabled') {
      ctx.out.fail(`${s.reason}`);
      ctx.out.line(`  → add its SPEC_* lines to CLAUDE.md (see spec validate --config), or drop it from --only`);
      continue;
    }
    const error = new TrackerError({
      kind: 'invalid-config',
      integration: s.tracker,
      statusText: 'Invalid config',
      message: `${s.reason}; cannot sync to ${TRACKER_NAMES[s.tracker]} without ${s.missing.length > 1 ? 'them' : 'it'}`,
    });
    const recovery = recoveryCommand(s.tracker, 'invalid-config', feature ? { feature } : {});
    ctx.out.fail(`${error.message}`);
    ctx.out.line(`  → set ${s.missing.join(', ')} in CLAUDE.md (secrets in the environment), check with spec validate --config, then: ${recovery}`);
    if (!dryRun) recordFailure(root, error, config.secrets, feature ? { feature } : {});
  }
  const anyConfigured = Object.values(config.integrations).some((i) => i.state !== 'disabled');
  if (!anyConfigured && sel.only === undefined) {
    ctx.out.skip('No integration configured (SPEC_ATLASSIAN_SYNC, SPEC_LINEAR_SYNC and SPEC_GITHUB_SYNC are not enabled in CLAUDE.md)');
    ctx.out.line('  Continuing with the local workflow only; to mirror features, see spec validate --config');
  }
  ctx.out.set({ skipped: skipped.map((s) => ({ tracker: s.tracker, state: s.state, missing: s.missing, reason: s.reason })) });
}
