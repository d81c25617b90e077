// Requests each tracker receives for 20 features × 30 tasks (a JIRA story, a Confluence page, a Linear
// issue per feature; a GitHub issue per task: 600), through a counting proxy in front of each sandbox
// service, with no rate limit (counting, not pacing; pacing is jira-bulk's and github-batch's job):
//   first sync --batch   Linear: labels looked up or created once per run (goal ≤ 3 + ⌈N/50⌉ requests)
//   unchanged re-sync    goal: a handful per tracker (≤ 5), not one or more per feature
//   audit                goal: linked items read in vendor batches, ≤ ⌈items/50⌉ per tracker
// The floor each count implies at the vendors' published limits is printed beside it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingProxy, runChild, startSandbox } from '../bench-support.mjs';
import { writeProject } from './lib/project.mjs';

const TRACKERS = ['jira', 'confluence', 'linear', 'github'];

export default async function (ctx) {
  const features = ctx.quick ? 10 : 20;
  const tasks = 30;
  const { child, info } = await startSandbox(ctx.bundle, []);
  const counts = Object.fromEntries(TRACKERS.map((t) => [t, 0]));
  const tally = (tracker) => () => (counts[tracker] += 1);
  const atlassian = await countingProxy(info.urls.atlassian, (req) => (counts[req.url.startsWith('/wiki') ? 'confluence' : 'jira'] += 1));
  const linear = await countingProxy(info.urls.linear.replace(/\/graphql$/, ''), tally('linear'));
  const github = await countingProxy(info.urls.github, tally('github'));
  try {
    const root = ctx.tempDir('spec-bench-requests-');
    const urls = { SPEC_ATLASSIAN_URL: atlassian.url, SPEC_LINEAR_URL: `${linear.url}/graphql`, SPEC_GITHUB_API_URL: github.url };
    writeProject(root, { features, tasks, claudeMd: Object.entries({ ...info.claudeMd, ...urls }).map(([k, v]) => `${k}=${v}`) });
    // Plans need plan.md to publish a Confluence page: the generated projects have one per feature.
    writeFileSync(join(root, '.gitignore'), '.spec-state/\n');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...info.env };
    const phase = async (label, args) => {
      for (const t of TRACKERS) counts[t] = 0;
      const r = await runChild(process.execPath, [ctx.bundle, ...args], { cwd: root, env });
      const failed = r.status !== 0 && !(args[0] === 'audit' && r.status === 1) ? ` — exited ${r.status}: ${(r.stdout + r.stderr).split('\n').find((l) => l.startsWith('✗')) ?? ''}` : '';
      return { ...counts, failed };
    };
    const items = { jira: features, confluence: features, linear: features, github: features * tasks };
    const first = await phase('first', ['sync', '--all-features', '--batch']);
    ctx.report(`first sync --batch, ${features} features × ${tasks} tasks: requests`, { value: TRACKERS.map((t) => `${t} ${first[t]}`).join(', '), note: `${items.github} GitHub issues${first.failed}` });
    const linearGoal = 3 + Math.ceil(features / 50);
    ctx.report('first sync --batch: Linear requests', { value: first.linear, goal: `≤ ${linearGoal} (labels once per run)`, met: first.linear <= linearGoal });
    const again = await phase('again', ['sync', '--all-features']);
    for (const t of TRACKERS) ctx.report(`unchanged re-sync of ${features} features: ${t} requests`, { value: again[t], goal: '≤ 5', met: again[t] <= 5, note: again.failed || undefined });
    const audit = await phase('audit', ['audit', '--missing-integrations']);
    for (const t of TRACKERS) {
      const goal = Math.ceil(items[t] / 50);
      // GitHub's primary limit is 5,000 requests an hour for a token: the time this read costs there.
      const floor = t === 'github' ? `; ${((audit[t] / 5000) * 60).toFixed(1)} min of GitHub's 5,000/h` : '';
      ctx.report(`audit of ${items[t]} linked ${t} item(s): requests`, { value: audit[t], goal: `≤ ${goal}`, met: audit[t] <= goal, note: `${floor.slice(2)}${audit.failed}` || undefined });
    }
  } finally {
    atlassian.close();
    linear.close();
    github.close();
    child.kill();
  }
}
