// `spec validate --openapi [--feature=N | --all]`: each feature's openapi.yaml through swagger-parser and
// our own checks, and the plan's endpoints against it. Errors are also logged as an OpenAPI integration failure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../core/context.js';
import { errorMessage } from '../../core/errors.js';
import { loadConfig } from '../../config/load.js';
import { detectEndpoints, missingEndpoints, type PlannedEndpoint } from '../../openapi/endpoints.js';
import type { OpenapiFinding } from '../../openapi/findings.js';
import { appendErrorLog } from '../../state/error-log.js';
import { readDoc } from '../../workspace/documents.js';
import type { FeatureRef } from '../../workspace/features.js';
import { scopeFeatures, where, type ValidateScope } from './artifacts.js';

const FILE_NAMES = ['openapi.yaml', 'openapi.yml', 'openapi.json'];
const SHOWN = 20; // per kind and file; --json lists everything

const list = (e: PlannedEndpoint[]) => `${e.slice(0, 3).map((x) => `${x.method} ${x.path}`).join(', ')}${e.length > 3 ? ', …' : ''}`;

interface FeatureResult {
  feature: string;
  file?: string;
  format?: string;
  skipped?: string;
  valid?: boolean;
  operations?: number;
  errors: OpenapiFinding[];
  warnings: OpenapiFinding[];
  endpoints: { planned: number; missing: Array<{ method: string; path: string; line: number }> };
}

/** `secrets`: the config's secrets, loaded on the first failure only. */
function logFailure(ctx: CommandContext, root: string, secrets: () => readonly string[], display: string, errors: OpenapiFinding[]): void {
  const first = errors[0] as OpenapiFinding;
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  try {
    appendErrorLog(root, { service: 'OpenAPI', status: 'Validation failed', hint: `${where({ file: display, line: first.line })}: ${first.message}${more}; fix it, then run spec validate --openapi` }, secrets());
  } catch (error) {
    ctx.out.warn(`Warning: could not log the OpenAPI failure: ${errorMessage(error)}`);
  }
}

async function validateFeature(ctx: CommandContext, root: string, secrets: () => readonly string[], feature: FeatureRef): Promise<FeatureResult> {
  const base = `features/${feature.name}`;
  const plan = readDoc(feature, 'plan.md');
  const planned = plan ? detectEndpoints(plan.body, plan.bodyLine) : [];
  const result: FeatureResult = { feature: feature.name, errors: [], warnings: [], endpoints: { planned: planned.length, missing: [] } };
  const name = FILE_NAMES.find((n) => existsSync(join(feature.dir, n)));
  if (!name) {
    if (!planned.length) {
      result.skipped = 'no API endpoints detected';
      ctx.out.skip('OpenAPI: skipped (no API endpoints detected)');
    } else {
      result.skipped = 'no openapi.yaml';
      result.endpoints.missing = planned;
      ctx.out.line(
        `Warning: ${base}/plan.md:${planned[0]?.line}: the plan describes ${planned.length} API endpoint${planned.length === 1 ? '' : 's'} (${list(planned)}) but ${base}/openapi.yaml does not exist; write it so the contract can be validated`,
      );
    }
    return result;
  }
  const display = `${base}/${name}`;
  result.file = display;
  const { validateOpenapiFile } = await import('../../openapi/validate.js');
  let report;
  try {
    report = await validateOpenapiFile(join(feature.dir, name), display, root);
  } catch (error) {
    result.errors = [{ level: 'error', code: 'unreadable', message: errorMessage(error) }];
    ctx.out.fail(errorMessage(error));
    logFailure(ctx, root, secrets, display, result.errors);
    return result;
  }
  result.errors = report.findings.filter((f) => f.level === 'error');
  result.warnings = report.findings.filter((f) => f.level === 'warning');
  result.valid = result.errors.length === 0;
  result.operations = report.operations.length;
  if (report.format) result.format = report.format;
  const what = `${report.format ?? 'unknown version'}, ${report.operations.length} operation${report.operations.length === 1 ? '' : 's'}`;
  if (result.valid) ctx.out.ok(`OpenAPI: ${display} is valid (${what})`);
  else {
    ctx.out.fail(`OpenAPI: ${display} is invalid (${what}); ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}:`);
    for (const f of result.errors.slice(0, SHOWN)) ctx.out.fail(`${where({ file: display, line: f.line })}: ${f.message}`);
    if (result.errors.length > SHOWN) ctx.out.line(`  … and ${result.errors.length - SHOWN} more errors (--json lists them all)`);
    logFailure(ctx, root, secrets, display, result.errors);
  }
  for (const f of result.warnings.slice(0, SHOWN)) ctx.out.line(`Warning: ${where({ file: display, line: f.line })}: ${f.message}`);
  if (result.warnings.length > SHOWN) ctx.out.line(`  … and ${result.warnings.length - SHOWN} more warnings (--json lists them all)`);
  if (planned.length) {
    const missing = missingEndpoints(planned, report.operations, report.basePaths);
    result.endpoints.missing = missing;
    for (const e of missing) ctx.out.line(`Warning: ${base}/plan.md:${e.line}: endpoint ${e.method} ${e.path} is in the plan but not in ${name}`);
    if (!missing.length) ctx.out.ok(`OpenAPI: all ${planned.length} endpoint${planned.length === 1 ? '' : 's'} of plan.md are in ${name}`);
  }
  return result;
}

/** Validates features' openapi.yaml; returns false when an error (✗) was found. */
export async function validateOpenapiCommand(ctx: CommandContext, root: string, scope: ValidateScope): Promise<boolean> {
  const features = scopeFeatures(root, scope);
  if (!features.length) {
    ctx.out.skip(`OpenAPI: no features yet (run spec new "<title>")`);
    ctx.out.set({ openapi: { features: [], errors: 0, warnings: 0 } });
    return true;
  }
  let loaded: readonly string[] | undefined;
  const secrets = () => (loaded ??= loadConfig(root, ctx.env).secrets);
  const results: FeatureResult[] = [];
  for (const feature of features) {
    if (features.length > 1) ctx.out.line(`Feature ${feature.name}:`);
    results.push(await validateFeature(ctx, root, secrets, feature));
  }
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length + r.endpoints.missing.length, 0);
  ctx.out.set({ openapi: { features: results, errors, warnings } });
  return errors === 0;
}
