// `spec validate [--feature=N | --all]`: machine-checked consistency of spec.md, plan.md and tasks.md.
// The checks are pure (consistency/); this file picks the features and prints ✓/✗ lines or --json.
import type { CommandContext } from '../../core/context.js';
import { errorMessage } from '../../core/errors.js';
import { currentFeature } from '../../workspace/current.js';
import { snapshot } from '../../workspace/documents.js';
import { listFeatures, numberingProblems, type FeatureRef } from '../../workspace/features.js';
import { checkFeature, countFindings, type Check, type Finding } from '../../consistency/index.js';

export interface ValidateScope {
  feature?: string;
  all: boolean;
  /** The features to cover, when the caller has resolved them already (the hook). */
  features?: FeatureRef[];
}

/** The features a validate run covers: --all, else --feature, else the current one. */
export function scopeFeatures(root: string, scope: ValidateScope): FeatureRef[] {
  if (scope.features) return scope.features;
  if (scope.all) return listFeatures(root);
  const f = currentFeature(root, { flag: scope.feature });
  return f ? [f] : [];
}

export function where(f: { file: string; line?: number }): string {
  return f.line ? `${f.file}:${f.line}` : f.file;
}

function printCheck(ctx: CommandContext, check: Check): void {
  const errors = check.findings.filter((f) => f.level === 'error');
  if (check.skipped) ctx.out.skip(`${check.name}: ${check.skipped}`);
  else if (!check.findings.length) ctx.out.ok(`${check.name}: ${check.passed}`);
  for (const f of errors) ctx.out.fail(`${where(f)}: ${f.message}`);
  for (const f of check.findings) if (f.level === 'warning') ctx.out.line(`Warning: ${where(f)}: ${f.message}`);
}

function checksOf(feature: FeatureRef): Check[] {
  try {
    const s = snapshot(feature);
    return checkFeature({ name: feature.name, ...(s.spec ? { spec: s.spec } : {}), ...(s.plan ? { plan: s.plan } : {}), ...(s.tasksDoc ? { tasks: s.tasksDoc } : {}) });
  } catch (error) {
    // A document we cannot read (bad UTF-8, broken frontmatter) is this feature's error, not the run's end.
    const finding: Finding = { level: 'error', code: 'unreadable', file: `features/${feature.name}`, message: errorMessage(error) };
    const m = /^(features\/\S+?):(\d+): (.*)$/s.exec(errorMessage(error));
    if (m) Object.assign(finding, { file: m[1], line: Number(m[2]), message: m[3] });
    return [{ name: 'Documents', passed: '', findings: [finding] }];
  }
}

/** Prints ✓/✗ lines for spec.md/plan.md/tasks.md consistency; returns false when an error (✗) was found. */
export async function validateArtifacts(ctx: CommandContext, root: string, scope: ValidateScope): Promise<boolean> {
  const features = scopeFeatures(root, scope);
  const numbering = scope.all ? numberingProblems(features).map((p) => p.message) : [];
  if (!features.length) {
    ctx.out.skip(`No features yet: run spec new "<title>" to start one`);
    ctx.out.set({ artifacts: { features: [], errors: 0, warnings: 0, numbering } });
    return true;
  }
  const results = [];
  let errors = 0;
  let warnings = numbering.length;
  for (const feature of features) {
    const checks = checksOf(feature);
    const counts = countFindings(checks);
    errors += counts.errors;
    warnings += counts.warnings;
    // Quiet: a feature with nothing to report takes no lines at all.
    if (!ctx.out.quiet || counts.errors || counts.warnings) {
      ctx.out.line(`Feature ${feature.name}:`);
      for (const c of checks) printCheck(ctx, c);
      ctx.out.line();
    }
    results.push({
      feature: feature.name,
      ...counts,
      checks: checks.map((c) => ({
        name: c.name,
        status: c.skipped ? 'skipped' : c.findings.some((f) => f.level === 'error') ? 'failed' : 'passed',
        ...(c.skipped ? { note: c.skipped } : {}),
        findings: c.findings,
      })),
    });
  }
  for (const message of numbering) ctx.out.line(`Warning: ${message}`);
  if (errors) ctx.out.next(`${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: fix the ✗ lines, then run spec validate again`);
  else ctx.out.summary(`Consistency: no errors${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  ctx.out.set({ artifacts: { features: results, errors, warnings, numbering } });
  return errors === 0;
}
