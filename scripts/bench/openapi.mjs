// Validating GitHub's full REST description (13 MB): `spec validate --openapi` (our code path, whole CLI
// run) against calling swagger-parser's `validate` directly (goal ≤ 1.2×) and against `redocly lint`
// (goal: faster). Each is a fresh node process, so start-up and module loading count on every side.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pair, spread } from './lib/pair.mjs';

export default async function openapi(ctx) {
  const file = join(ctx.repo, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
  if (!existsSync(file)) {
    ctx.report('openapi', { note: '@octokit/openapi is not installed; skipped' });
    return;
  }
  const pairs = Number(process.env.BENCH_OPENAPI_RUNS ?? (ctx.quick ? 2 : 5));
  const dir = ctx.tempDir('spec-bench-openapi-');
  writeFileSync(join(dir, 'CLAUDE.md'), '# bench\n');
  mkdirSync(join(dir, 'features', '001-github'), { recursive: true });
  writeFileSync(join(dir, 'features', '001-github', 'spec.md'), '# GitHub REST\n');
  copyFileSync(file, join(dir, 'features', '001-github', 'openapi.json'));
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  // Exit codes are reported, not judged (a linter exits 1 on findings).
  const side = (cmd, args) => ({ cmd, args, cwd: dir, env, allowFailure: true, timeout: 300_000 });
  const ours = side(process.execPath, [ctx.bundle, 'validate', '--openapi']);
  // The same library call with nothing around it: resolved from the repo so it loads the same copy.
  const direct = join(dir, 'direct.mjs');
  const parserUrl = new URL(`file://${join(ctx.repo, 'node_modules', '@apidevtools', 'swagger-parser', 'lib', 'index.js')}`).href;
  writeFileSync(direct, `import SwaggerParser from ${JSON.stringify(parserUrl)};\nawait SwaggerParser.validate(${JSON.stringify(file)});\n`);
  const vsParser = pair(side(process.execPath, [direct]), ours, { pairs, warmup: 0 });
  ctx.report('openapi: spec validate --openapi (GitHub REST, 13 MB)', {
    value: vsParser.bMs,
    unit: ' ms',
    ratio: vsParser.ratio,
    goal: '≤ 1.20× swagger-parser validate',
    met: vsParser.ratio <= 1.2,
    note: `swagger-parser alone ${vsParser.aMs.toFixed(0)} ms; ${spread(vsParser)}; exit ${vsParser.status}`,
  });

  const redocly = join(ctx.repo, 'node_modules', '.bin', 'redocly');
  if (!existsSync(redocly)) {
    ctx.report('openapi: vs redocly lint', { note: '@redocly/cli is not installed; skipped' });
    return;
  }
  const vsLint = pair(side(redocly, ['lint', file]), ours, { pairs: Math.min(pairs, 3), warmup: 0 });
  ctx.report('openapi: vs redocly lint', {
    value: vsLint.aMs,
    unit: ' ms',
    ratio: vsLint.ratio,
    goal: '< 1.00× (faster than redocly lint)',
    met: vsLint.ratio < 1,
    note: `redocly lint ${vsLint.aMs.toFixed(0)} ms (it reports its own rules' findings), ours ${vsLint.bMs.toFixed(0)} ms; ${spread(vsLint)}`,
  });
}
