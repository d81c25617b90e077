// spec validate: configuration (--config), OpenAPI files (--openapi) and artifact consistency.
import { boolFlag, stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { loadConfig } from '../../config/load.js';
import { findProjectRoot } from '../../workspace/root.js';
import { readSession } from '../../state/session.js';
import { configReport } from './config-report.js';

export async function run(ctx: CommandContext): Promise<number> {
  const root = findProjectRoot(ctx.cwd);
  const wantConfig = boolFlag(ctx.args, 'config');
  const wantOpenapi = boolFlag(ctx.args, 'openapi');
  const feature = stringFlag(ctx.args, 'feature');
  const all = boolFlag(ctx.args, 'all');
  // --openapi is its own check; --config with --feature/--all also checks those features' artifacts.
  const wantArtifacts = !wantOpenapi && (!wantConfig || Boolean(feature || all));
  let failed = false;

  if (wantConfig) {
    // The last recorded outcome counts: a token a tracker refused is ✗ until a later success.
    const report = configReport(loadConfig(root, ctx.env), readSession(root).integrations ?? {});
    ctx.out.line('Configuration (CLAUDE.md and environment):');
    for (const line of report.lines) ctx.out.line(line);
    for (const w of report.warnings) ctx.out.line(w);
    if (report.errors) failed = true;
    ctx.out.set({ config: { errors: report.errors, warnings: report.warnings, lines: report.lines } });
  }
  if (wantArtifacts) {
    const { validateArtifacts } = await import('./artifacts.js');
    if (!(await validateArtifacts(ctx, root, { ...(feature ? { feature } : {}), all }))) failed = true;
  }
  if (wantOpenapi) {
    const { validateOpenapiCommand } = await import('./openapi.js');
    if (!(await validateOpenapiCommand(ctx, root, { ...(feature ? { feature } : {}), all }))) failed = true;
  }
  ctx.out.set({ ok: !failed });
  return failed ? 1 : 0;
}
