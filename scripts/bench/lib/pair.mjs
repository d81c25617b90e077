// The one way every bench line turns timings into a ratio: A and B run interleaved (A B A B …), each
// pair gives its own B ÷ A, and the line reports the median of those ratios with their min–max. Noise
// from other processes on the machine then lands on both sides of a pair instead of on one side of a
// separately timed median (which once printed an impossible 0.78× hook ratio).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** One run of `side` ({ cmd, args, input, cwd, env, allowFailure, timeout }): wall ms and exit status. */
export function runOnce(side) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(side.cmd, side.args, {
    input: side.input,
    cwd: side.cwd,
    env: side.env ?? process.env,
    stdio: ['pipe', 'ignore', 'pipe'],
    timeout: side.timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !side.allowFailure) {
    throw new Error(`${side.cmd} ${side.args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 300)}`);
  }
  return { ms, status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * `pairs` interleaved runs of A then B after `warmup` unrecorded runs of each (file cache, lazy chunks).
 * Returns { ratio, min, max, aMs, bMs, status } — ratio/min/max over the per-pair B ÷ A, aMs/bMs the
 * medians of each side, status B's last exit status.
 */
export function pair(a, b, { pairs = 7, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) {
    runOnce(a);
    runOnce(b);
  }
  const as = [];
  const bs = [];
  const ratios = [];
  let status;
  for (let i = 0; i < pairs; i++) {
    const ra = runOnce(a);
    const rb = runOnce(b);
    as.push(ra.ms);
    bs.push(rb.ms);
    ratios.push(rb.ms / ra.ms);
    status = rb.status;
  }
  return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), aMs: median(as), bMs: median(bs), status, pairs };
}

/** `node -e 0`: the floor every command-line ratio is measured against. */
export const nodeFloor = () => ({ cmd: process.execPath, args: ['-e', '0'] });

/** "1.84× (1.71–2.02, 7 pairs)" */
export function spread(p) {
  return `${p.min.toFixed(2)}–${p.max.toFixed(2)}×, ${p.pairs} pairs`;
}

/** Peak resident memory (MB) of one run of `side`, read from the child's own resource usage at exit. */
export function peakMb(side, tmp) {
  const hook = `${tmp}/rss-preload.mjs`;
  const out = `${tmp}/rss-${process.pid}-${Date.now()}.txt`;
  writeFileSync(hook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  runOnce({ ...side, args: ['--import', pathToFileURL(hook).href, ...side.args], env: { ...(side.env ?? process.env), BENCH_RSS_FILE: out } });
  return Number(readFileSync(out, 'utf8')) / 1024;
}
