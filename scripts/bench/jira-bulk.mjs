// JIRA on the real clock. A counting proxy in front of the sandbox sees every request and every 429.
//   1. `sync --all-features --batch`, 300 features, limit 100 a minute: bulk create. Goal: requests ≤ ⌈300/50⌉ + unavoidable per-feature
//      reads (none: a first sync plans from local files and the journal; a read happens only to look up
//      an interrupted create), 0 × 429.
//   2. `sync --all-features` (one create per feature), limit 30 per 10 s so it binds within seconds:
//      the transport's pacing by X-RateLimit-Remaining/Reset is what is measured. Goal: 0 × 429 and
//      wall time ≤ 1.1 × the floor, the windows the requests beyond the first window must wait for.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingProxy, runChild, startSandbox } from '../bench-support.mjs';

const FEATURES = 300;
const BULK_LIMIT = '100/min';
const LIMIT = 30; // requests per window, one by one
const WINDOW_S = 10;

function project(ctx, info, proxyUrl, features) {
  const root = ctx.tempDir('spec-bench-jira-');
  const lines = Object.entries({ ...info.claudeMd, SPEC_ATLASSIAN_URL: proxyUrl }).map(([k, v]) => `${k}=${v}`);
  writeFileSync(join(root, 'CLAUDE.md'), `# bench\n\n${lines.join('\n')}\n`);
  for (let i = 1; i <= features; i++) {
    const dir = join(root, 'features', `${String(i).padStart(3, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n## Summary\n\nFeature ${i} does one thing.\n\n### US1 [P2] As a user I want ${i}\n- AC1.1 it works\n`);
  }
  return root;
}

async function run(ctx, args, label, features, limit) {
  const { child, info } = await startSandbox(ctx.bundle, [`--limits=jira:${limit}`]);
  // Every request by method and path, and the 429s.
  const counts = { total: 0, byRoute: {}, tooMany: 0 };
  const proxy = await countingProxy(info.urls.atlassian, (req, status) => {
    const route = `${req.method} ${new URL(req.url, 'http://x').pathname.replace(/\/[A-Z]+-\d+$/, '/{key}')}`;
    counts.total += 1;
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
    if (status === 429) counts.tooMany += 1;
  });
  try {
    const root = project(ctx, info, proxy.url, features);
    const t0 = Date.now();
    // Asynchronous: the proxy lives in this process and must keep serving while the sync runs.
    const r = await runChild(process.execPath, [ctx.bundle, 'sync', '--all-features', '--only=jira', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env } });
    const realMs = Date.now() - t0;
    const created = (r.stdout.match(/ created$/gm) ?? []).length;
    const deferred = (r.stdout.match(/not attempted/g) ?? []).length;
    if (r.status !== 0) ctx.report(`${label}: sync exited ${r.status}`, { note: (r.stdout.split('\n').find((l) => l.startsWith('✗')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 160) });
    return { realMs, counts, created, deferred };
  } finally {
    proxy.close();
    child.kill('SIGTERM');
  }
}

export default async function (ctx) {
  const bulk = await run(ctx, ['--batch'], 'bulk', FEATURES, BULK_LIMIT);
  const goal = Math.ceil(FEATURES / 50);
  const routes = Object.entries(bulk.counts.byRoute).map(([k, v]) => `${v} ${k}`).join(', ');
  ctx.report(`--batch: requests for ${FEATURES} features`, { value: bulk.counts.total, ratio: bulk.counts.total / goal, goal: `≤ ${goal} (⌈${FEATURES}/50⌉ + 0 per-feature reads)`, met: bulk.counts.total <= goal, note: `${routes}; ${bulk.created} stories created` });
  ctx.report('--batch: 429 responses', { value: bulk.counts.tooMany, goal: '0', met: bulk.counts.tooMany === 0 });
  ctx.report('--batch: wall time', { value: bulk.realMs, unit: ' ms', note: `${goal} requests fit one ${BULK_LIMIT} window, so the limit does not bind` });

  const features = ctx.quick ? 60 : 100;
  const single = await run(ctx, [], 'one-by-one', features, `${LIMIT}/${WINDOW_S}s`);
  const floorS = Math.max(0, Math.ceil(single.counts.total / LIMIT) - 1) * WINDOW_S;
  const realS = single.realMs / 1000;
  ctx.report(`one create per feature, ${features} features: requests`, { value: single.counts.total, note: `${single.created} stories created${single.deferred ? `, ${single.deferred} left for --pending after a second 429` : ''}` });
  ctx.report('one create per feature: 429 responses', { value: single.counts.tooMany, goal: '0', met: single.counts.tooMany === 0 });
  ctx.report(`one create per feature: real time vs the ${LIMIT}/${WINDOW_S}s floor`, {
    value: realS,
    unit: ' s',
    ratio: realS / floorS,
    goal: '≤ 1.1×',
    met: realS / floorS <= 1.1,
    note: `floor ${floorS} s = ${single.counts.total} requests at ${LIMIT} per ${WINDOW_S} s, first window free`,
  });
}
