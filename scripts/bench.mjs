#!/usr/bin/env node
// `npm run bench`: every module in scripts/bench/ measures something and reports ratios against a
// baseline measured in the same run. It prints figures; it never fails the build.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
// SPEC_BUNDLE (relative to the repository) measures a private build instead of the committed one.
const bundle = process.env.SPEC_BUNDLE ? resolve(repo, process.env.SPEC_BUNDLE) : join(here, 'spec.mjs');
const only = process.argv.slice(2);

/** Median wall time (ms) of running a command `runs` times, and its last exit status (non-zero throws unless allowFailure). */
function timeRuns(cmd, args, { runs = 15, input, cwd, env, allowFailure = false, timeout } = {}) {
  const times = [];
  let status;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { input, cwd, env: env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'], timeout });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    status = r.status;
    if (status !== 0 && !allowFailure) throw new Error(`${cmd} ${args.join(' ')} exited ${status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], status };
}
const timeCommand = (cmd, args, options) => timeRuns(cmd, args, options).ms;

const rows = [];
const ctx = {
  repo,
  bundle,
  timeCommand,
  timeRuns,
  /** Median of `node -e 0`, the floor every command-line ratio is measured against. */
  nodeBaseline: () => timeCommand(process.execPath, ['-e', '0']),
  tempDir(prefix = 'spec-bench-') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  },
  report(name, { value, unit = '', ratio, goal, note } = {}) {
    const row = { name, value, unit, ratio, goal, note };
    rows.push(row);
    const parts = [`${name}:`];
    if (value !== undefined) parts.push(`${typeof value === 'number' ? value.toFixed(1) : value}${unit}`);
    if (ratio !== undefined) parts.push(`ratio ${ratio.toFixed(2)}×`);
    if (goal !== undefined) parts.push(`(goal ${goal})`);
    if (note) parts.push(`— ${note}`);
    console.log(`  ${parts.join(' ')}`);
  },
};

const files = readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.mjs')).sort();
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  console.log(`${name}`);
  try {
    const mod = await import(pathToFileURL(join(here, 'bench', file)).href);
    await mod.default(ctx);
  } catch (error) {
    console.log(`  ✗ ${name} failed: ${error instanceof Error ? error.message : error}`);
  }
}
