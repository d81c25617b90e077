// Issue 6: 300 features × 5 tasks to the sandbox's GitHub, its content-creation limit at 80 a minute and
// its clock scaled so ~19 emulated minutes pass in well under a minute. A counting proxy in front of the
// sandbox sees every request, every 429 and every 403 secondary-limit answer.
// Goal: 0 rate-limit answers received, and emulated time ≤ 1.1 × the limit's floor, where
// floor = content-creating requests sent (issues + the few shared labels) ÷ 80 per minute.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingProxy, runChild, startSandbox } from '../bench-support.mjs';

const FEATURES = 300;
const TASKS = 5;
const RATE = 80; // content-creating requests per minute
const SCALE = 60;

function project(ctx, info, apiUrl) {
  const root = ctx.tempDir('spec-bench-github-');
  const keep = Object.entries({ ...info.claudeMd, SPEC_GITHUB_API_URL: apiUrl }).filter(([k]) => k.startsWith('SPEC_GITHUB'));
  writeFileSync(join(root, 'CLAUDE.md'), `# bench\n\n${keep.map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  for (let i = 1; i <= FEATURES; i++) {
    const dir = join(root, 'features', `${String(i).padStart(3, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n### US1 [P2] As a user I want ${i}\n- AC1.1 it works\n`);
    const tasks = Array.from({ length: TASKS }, (_, k) => `- [ ] T00${k + 1} [US1] Task ${k + 1} of feature ${i}`).join('\n');
    writeFileSync(join(dir, 'tasks.md'), `# Tasks\n${tasks}\n`);
  }
  return root;
}

export default async function (ctx) {
  const { child, info } = await startSandbox(ctx.bundle, [`--limits=github-create:${RATE}/min`, `--clock-scale=${SCALE}`]);
  const counts = { total: 0, writes: 0, limited: 0 };
  const proxy = await countingProxy(info.urls.github, (req, status, text) => {
    counts.total += 1;
    if (req.method !== 'GET') counts.writes += 1;
    if (status === 429 || (status === 403 && /rate limit/i.test(text))) counts.limited += 1;
  });
  try {
    const root = project(ctx, info, proxy.url);
    const t0 = Date.now();
    // Not spawnSync: the counting proxy lives in this process and must keep answering.
    const r = await runChild(process.execPath, [ctx.bundle, 'sync', '--all-features', '--batch', '--only=github'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env } });
    const realMs = Date.now() - t0;
    const issues = FEATURES * TASKS;
    const emulatedMin = (realMs * SCALE) / 60_000;
    const floorMin = counts.writes / RATE;
    const failed = r.status !== 0 ? ` — sync exited ${r.status}: ${(r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('✗')).slice(0, 2).join(' | ')}` : '';
    ctx.report('github 300×5 issues: rate-limit answers received', { value: counts.limited, unit: '', goal: '0', note: `${counts.writes} content-creating requests (${issues} issues), ${counts.total} requests in all${failed}` });
    ctx.report('github 300×5 issues: time vs the 80/min floor', { value: emulatedMin, unit: ' emulated min', ratio: emulatedMin / floorMin, goal: '≤ 1.1×', note: `floor ${floorMin.toFixed(2)} min; ${(realMs / 1000).toFixed(1)} s real at clock ×${SCALE}` });
  } finally {
    proxy.close();
    child.kill();
  }
}
