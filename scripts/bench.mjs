#!/usr/bin/env node
// `npm run bench [-- --quick] [name…]`: every module in scripts/bench/ measures something and reports
// ratios from paired, interleaved runs (bench/lib/pair.mjs) against a baseline run beside it. It prints
// figures, the load average they were taken under, and which goals were met; it never fails the build.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
// SPEC_BUNDLE (relative to the repository) measures a private build instead of the committed one.
const bundle = process.env.SPEC_BUNDLE ? resolve(repo, process.env.SPEC_BUNDLE) : join(here, 'spec.mjs');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv.filter((a) => !a.startsWith('--'));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const goals = [];
const ctx = {
  repo,
  bundle,
  quick,
  tempDir(prefix = 'spec-bench-') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  },
  /** One printed line; `met` (true/false) marks a line that has a goal and sends it to the summary. */
  report(name, { value, unit = '', ratio, goal, met, note } = {}) {
    const parts = [`${met === true ? '✓' : met === false ? '✗' : ' '} ${name}:`];
    if (value !== undefined) parts.push(`${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(1) : value}${unit}`);
    if (ratio !== undefined) parts.push(`ratio ${ratio.toFixed(2)}×`);
    if (goal !== undefined) parts.push(`(goal ${goal})`);
    if (note) parts.push(`— ${note}`);
    console.log(` ${parts.join(' ')}`);
    if (met !== undefined) goals.push({ name, met });
  },
};

console.log(`spec bench${quick ? ' --quick' : ''}: ${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, load average ${load()}`);
const files = readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.mjs')).sort();
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  console.log(`${name} (load average ${load()})`);
  try {
    const mod = await import(pathToFileURL(join(here, 'bench', file)).href);
    await mod.default(ctx);
  } catch (error) {
    console.log(`  ✗ ${name} failed: ${error instanceof Error ? error.message : error}`);
    goals.push({ name, met: false });
  }
}
const missed = goals.filter((g) => !g.met);
console.log(`goals: ${goals.length - missed.length} of ${goals.length} met; load average ${load()}${missed.length ? `\n  missed: ${missed.map((g) => g.name).join('; ')}` : ''}`);
