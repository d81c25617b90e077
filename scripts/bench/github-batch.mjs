// Issue 6: 300 features × 5 tasks to the sandbox's GitHub, its content-creation limit at 80 a minute and
// its clock scaled so ~19 emulated minutes pass in well under a minute. A counting proxy in front of the
// sandbox sees every request, every 429 and every 403 secondary-limit answer.
// Goal: 0 rate-limit answers received, and emulated time ≤ 1.1 × the limit's floor, where
// floor = content-creating requests sent (issues + the few shared labels) ÷ 80 per minute.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';

const FEATURES = 300;
const TASKS = 5;
const RATE = 80; // content-creating requests per minute
const SCALE = 60;

function startSandbox(bundle) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, 'sandbox', '--port=0', '--json', `--limits=github-create:${RATE}/min`, `--clock-scale=${SCALE}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const start = out.startsWith('{') ? 0 : out.indexOf('\n{') + 1;
      if (start < 0 || (start === 0 && !out.startsWith('{'))) return;
      try {
        done({ child, info: JSON.parse(out.slice(start)) });
      } catch {
        // not the whole object yet
      }
    });
    child.on('exit', (code) => fail(new Error(`sandbox exited ${code}: ${out}`)));
  });
}

function countingProxy(target) {
  const t = new URL(target);
  const counts = { total: 0, writes: 0, limited: 0 };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const fwd = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } }, (up) => {
        const body = [];
        up.on('data', (c) => body.push(c));
        up.on('end', () => {
          counts.total += 1;
          if (req.method !== 'GET') counts.writes += 1;
          const text = Buffer.concat(body).toString();
          if (up.statusCode === 429 || (up.statusCode === 403 && /rate limit/i.test(text))) counts.limited += 1;
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(text);
        });
      });
      fwd.on('error', () => res.destroy());
      fwd.end(Buffer.concat(chunks));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, counts, close: () => (server.closeAllConnections(), server.close()) })));
}

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
  const bundle = process.env.SPEC_BUNDLE ? resolve(ctx.repo, process.env.SPEC_BUNDLE) : ctx.bundle;
  const { child, info } = await startSandbox(bundle);
  const proxy = await countingProxy(info.urls.github);
  try {
    const root = project(ctx, info, proxy.url);
    const t0 = Date.now();
    // Not spawnSync: the counting proxy lives in this process and must keep answering.
    const r = await new Promise((done) => {
      const c = spawn(process.execPath, [bundle, 'sync', '--all-features', '--batch', '--only=github'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d) => (stdout += d));
      c.stderr.on('data', (d) => (stderr += d));
      c.on('exit', (status) => done({ status, stdout, stderr }));
    });
    const realMs = Date.now() - t0;
    const issues = FEATURES * TASKS;
    const emulatedMin = (realMs * SCALE) / 60_000;
    const floorMin = proxy.counts.writes / RATE;
    const failed = r.status !== 0 ? ` — sync exited ${r.status}: ${(r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('✗')).slice(0, 2).join(' | ')}` : '';
    ctx.report('github 300×5 issues: rate-limit answers received', { value: proxy.counts.limited, unit: '', goal: '0', note: `${proxy.counts.writes} content-creating requests (${issues} issues), ${proxy.counts.total} requests in all${failed}` });
    ctx.report('github 300×5 issues: time vs the 80/min floor', { value: emulatedMin, unit: ' emulated min', ratio: emulatedMin / floorMin, goal: '≤ 1.1×', note: `floor ${floorMin.toFixed(2)} min; ${(realMs / 1000).toFixed(1)} s real at clock ×${SCALE}` });
  } finally {
    proxy.close();
    child.kill();
  }
}
