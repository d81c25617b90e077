// Issue 5: 300 features to the sandbox's JIRA with its rate limit at 100 requests a minute, the sandbox
// clock scaled so the whole bench takes well under a minute. A counting proxy in front of the sandbox
// sees every request and every 429.
//   1. `sync --all-features --batch`: bulk create. Goal: requests ≤ ⌈300/50⌉ + unavoidable per-feature
//      reads (none: a first sync plans from local files and the journal; a read happens only to look up
//      an interrupted create), 0 × 429.
//   2. `sync --all-features` (one create per feature): the limit binds, so the transport's pacing by
//      X-RateLimit-Remaining/Reset is what is measured. Goal: 0 × 429 and total time ≤ 1.1 × the
//      rate-limit floor, where floor = requests sent ÷ the advertised rate (300 ÷ 100/min = 3 min of
//      emulated time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingProxy, runChild, startSandbox } from '../bench-support.mjs';

const FEATURES = 300;
const RATE = 100; // requests per minute
const SCALE = 12; // emulated time runs 12× faster: 3 emulated minutes ≈ 15 s

function project(ctx, info, proxyUrl) {
  const root = ctx.tempDir('spec-bench-jira-');
  const lines = Object.entries({ ...info.claudeMd, SPEC_ATLASSIAN_URL: proxyUrl }).map(([k, v]) => `${k}=${v}`);
  writeFileSync(join(root, 'CLAUDE.md'), `# bench\n\n${lines.join('\n')}\n`);
  for (let i = 1; i <= FEATURES; i++) {
    const dir = join(root, 'features', `${String(i).padStart(3, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n## Summary\n\nFeature ${i} does one thing.\n\n### US1 [P2] As a user I want ${i}\n- AC1.1 it works\n`);
  }
  return root;
}

async function run(ctx, args, label) {
  const { child, info } = await startSandbox(ctx.bundle, [`--limits=jira:${RATE}/min`, `--clock-scale=${SCALE}`]);
  // Every request by method and path, and the 429s.
  const counts = { total: 0, byRoute: {}, tooMany: 0 };
  const proxy = await countingProxy(info.urls.atlassian, (req, status) => {
    const route = `${req.method} ${new URL(req.url, 'http://x').pathname.replace(/\/[A-Z]+-\d+$/, '/{key}')}`;
    counts.total += 1;
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
    if (status === 429) counts.tooMany += 1;
  });
  try {
    const root = project(ctx, info, proxy.url);
    const t0 = Date.now();
    // Asynchronous: the proxy lives in this process and must keep serving while the sync runs.
    const r = await runChild(process.execPath, [ctx.bundle, 'sync', '--all-features', '--only=jira', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env } });
    const realMs = Date.now() - t0;
    const created = (r.stdout.match(/ created$/gm) ?? []).length;
    const deferred = (r.stdout.match(/not attempted/g) ?? []).length;
    if (r.status !== 0) ctx.report(`${label}: sync exited ${r.status}`, { note: (r.stdout.split('\n').find((l) => l.startsWith('✗')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 160) });
    return { realMs, emulatedMs: realMs * SCALE, counts, created, deferred };
  } finally {
    proxy.close();
    child.kill('SIGTERM');
  }
}

export default async function (ctx) {
  const bulk = await run(ctx, ['--batch'], 'bulk');
  const goal = Math.ceil(FEATURES / 50);
  const routes = Object.entries(bulk.counts.byRoute).map(([k, v]) => `${v} ${k}`).join(', ');
  ctx.report(`--batch: requests for ${FEATURES} features`, { value: bulk.counts.total, ratio: bulk.counts.total / goal, goal: `≤ ${goal} (⌈${FEATURES}/50⌉ + 0 per-feature reads)`, note: `${routes}; ${bulk.created} stories created` });
  ctx.report('--batch: 429 responses', { value: bulk.counts.tooMany, goal: '0' });
  ctx.report('--batch: wall time', { value: bulk.realMs, unit: ' ms', note: `${(bulk.emulatedMs / 1000).toFixed(1)} s emulated; ${goal} requests fit one ${RATE}/min window, so the limit does not bind` });

  const single = await run(ctx, [], 'one-by-one');
  const floorMs = (single.counts.total / RATE) * 60_000;
  ctx.report(`one create per feature: requests`, { value: single.counts.total, note: `${single.created} stories created${single.deferred ? `, ${single.deferred} left for --pending after a second 429` : ''}` });
  ctx.report('one create per feature: 429 responses', { value: single.counts.tooMany, goal: '0' });
  ctx.report('one create per feature: time vs rate-limit floor', {
    value: single.emulatedMs / 1000,
    unit: ' s emulated',
    ratio: single.emulatedMs / floorMs,
    goal: '≤ 1.1×',
    note: `floor ${(floorMs / 1000).toFixed(0)} s = ${single.counts.total} requests ÷ ${RATE}/min; clock ×${SCALE}, ${(single.realMs / 1000).toFixed(1)} s real`,
  });
}
