// spec test-integration --jira|--confluence|--linear|--github|--all: live checks of each tracker,
// printed in the seed's form, recorded in the error log and the session, ending with `→ N/M ready`.
// The steps and their HTTP calls live in each tracker's folder (trackers/<name>/checks.ts); this
// command picks the targets, runs them and prints.
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { loadConfig } from '../../config/load.js';
import { TRACKERS } from '../../trackers/contract.js';
import { findProjectRoot } from '../../workspace/root.js';
import { configProblem } from '../status/integrations.js';
import { connectionStep } from '../../trackers/check-steps.js';
import type { CheckOutcome } from '../../trackers/checks.js';

export async function run(ctx: CommandContext): Promise<number> {
  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const named = TRACKERS.filter((n) => boolFlag(ctx.args, n));
  const all = boolFlag(ctx.args, 'all') || named.length === 0;
  const [{ checkTracker }, { ADVICE }, { recordFailure, recordSuccess }] = await Promise.all([
    import('../../trackers/checks.js'),
    import('../../trackers/recovery.js'),
    import('../../trackers/record.js'),
  ]);

  // What to check: explicitly named ones always; with --all, every integration that is switched on.
  const targets = TRACKERS.filter((n) => named.includes(n) || (all && config.integrations[n].state !== 'disabled'));
  const runnable = targets.filter((n) => config.integrations[n].state === 'ready');
  const outcomes = new Map(await Promise.all(runnable.map(async (n) => [n, await checkTracker(config, n, { env: ctx.env })] as const)));

  ctx.out.line('Testing configured integrations...');
  const report: Record<string, unknown> = {};
  let ready = 0;
  for (const name of TRACKERS) {
    const s = config.integrations[name];
    if (!targets.includes(name)) {
      if (all) ctx.out.skip(configProblem(s) as string);
      report[name] = { ok: null, state: 'not-configured' };
      continue;
    }
    ctx.out.line('');
    if (s.state !== 'ready') {
      ctx.out.fail(configProblem(s) as string);
      ctx.out.next(s.state === 'disabled' ? 'Configure it in CLAUDE.md, then: spec validate --config' : `Set ${s.missing.join(', ')}, then: spec validate --config`);
      report[name] = { ok: false, state: s.state, missing: s.missing };
      continue;
    }
    const o = outcomes.get(name) as CheckOutcome; // every ready target was checked above
    for (const line of o.passed) ctx.out.ok(line);
    if (!o.error) {
      ready += 1;
      ctx.out.next('Tracker ready');
      recordSuccess(root, name, config.secrets);
      report[name] = { ok: true, checks: o.passed };
      continue;
    }
    const e = o.error;
    const { recovery } = recordFailure(root, e, config.secrets, { operation: 'check' });
    const advice = ADVICE[e.kind];
    if (o.failedStep === connectionStep(name)) ctx.out.fail(`${s.label} connection failed: ${advice.phrase}`);
    else ctx.out.fail(`${o.failedStep}: ${advice.phrase}`);
    ctx.out.line(`  ${e.message}`);
    ctx.out.next(`${advice.hint(e)}, then: ${recovery}`);
    report[name] = { ok: false, checks: o.passed, failed: o.failedStep, kind: e.kind, message: e.message, status: e.statusText, recovery };
  }
  ctx.out.line('');
  ctx.out.next(`${ready}/${targets.length} integrations ready`);
  ctx.out.set({ ok: ready === targets.length, ready, total: targets.length, integrations: report });
  return ready === targets.length ? 0 : 1;
}
