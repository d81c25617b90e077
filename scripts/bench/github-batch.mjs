// GitHub pacing on the real clock: features × 5 tasks to the sandbox's GitHub with GitHub's own
// content-creation limit, 80 a minute (docs.github.com, "Rate limits for the REST API", secondary
// rate limits; the client paces them evenly, one every 750 ms). A counting proxy sees every request,
// every 429 and every 403 secondary-limit answer.
// Goal: 0 rate-limit answers, and wall time ≤ 1.1 × the floor = content-creating requests ÷ 80/min.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingProxy, runChild, startSandbox } from '../bench-support.mjs';

const TASKS = 5;
const PER_MINUTE = 80;

function project(ctx, info, apiUrl, features) {
  const root = ctx.tempDir('spec-bench-github-');
  const keep = Object.entries({ ...info.claudeMd, SPEC_GITHUB_API_URL: apiUrl }).filter(([k]) => k.startsWith('SPEC_GITHUB'));
  writeFileSync(join(root, 'CLAUDE.md'), `# bench\n\n${keep.map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  for (let i = 1; i <= features; i++) {
    const dir = join(root, 'features', `${String(i).padStart(3, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n### US1 [P2] As a user I want ${i}\n- AC1.1 it works\n`);
    const tasks = Array.from({ length: TASKS }, (_, k) => `- [ ] T00${k + 1} [US1] Task ${k + 1} of feature ${i}`).join('\n');
    writeFileSync(join(dir, 'tasks.md'), `# Tasks\n${tasks}\n`);
  }
  return root;
}

export default async function (ctx) {
  const features = ctx.quick ? 6 : 10;
  const { child, info } = await startSandbox(ctx.bundle, [`--limits=github-create:${PER_MINUTE}/min`]);
  const counts = { total: 0, writes: 0, limited: 0 };
  const proxy = await countingProxy(info.urls.github, (req, status, text) => {
    counts.total += 1;
    if (req.method !== 'GET') counts.writes += 1;
    if (status === 429 || (status === 403 && /rate limit/i.test(text))) counts.limited += 1;
  });
  try {
    const root = project(ctx, info, proxy.url, features);
    const t0 = Date.now();
    // Not spawnSync: the counting proxy lives in this process and must keep answering.
    const r = await runChild(process.execPath, [ctx.bundle, 'sync', '--all-features', '--batch', '--only=github'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env } });
    const realS = (Date.now() - t0) / 1000;
    const issues = features * TASKS;
    const floorS = (counts.writes / PER_MINUTE) * 60;
    const failed = r.status !== 0 ? ` — sync exited ${r.status}: ${(r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('✗')).slice(0, 2).join(' | ')}` : '';
    ctx.report(`github ${features}×${TASKS} issues: rate-limit answers received`, { value: counts.limited, goal: '0', met: counts.limited === 0, note: `${counts.writes} content-creating requests (${issues} issues), ${counts.total} requests in all${failed}` });
    ctx.report(`github ${features}×${TASKS} issues: real time vs the ${PER_MINUTE}/min floor`, {
      value: realS,
      unit: ' s',
      ratio: realS / floorS,
      goal: '≤ 1.1×',
      met: realS / floorS <= 1.1,
      note: `floor ${floorS.toFixed(1)} s = ${counts.writes} writes ÷ ${PER_MINUTE}/min (GitHub also caps them at 500 an hour)`,
    });
  } finally {
    proxy.close();
    child.kill();
  }
}
