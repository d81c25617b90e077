// Issue 17's table: what a user of a growing repository pays on every turn and every command, on
// projects of 30 tasks per feature at several sizes, each as a paired ratio to `node -e 0`.
//   hook stop (every turn end), hook post-tool-use on a feature file (every edit): goal ≤ 2× at 5,000
//   hook session-start: goal ≤ 2.5× at 5,000
//   validate --all, audit --missing-integrations: growth shown, no goal of their own
//   sync --all-features --dry-run: goal ≤ 10× at 1,000, < 150 MB peak at 5,000
// Trackers point at an unreachable loopback port, so any request a local command makes shows up as a
// failure. --quick measures 1 and 1,000 features only.
import { DEAD_ENV, sharedProject, tasksFile } from './lib/project.mjs';
import { nodeFloor, pair, peakMb, spread } from './lib/pair.mjs';

const PATHS = [
  { name: 'hook stop', args: ['hook', 'stop'], input: (root) => ({ session_id: 'bench', cwd: root, hook_event_name: 'Stop' }), goal: { at: 5000, max: 2 } },
  {
    name: 'hook post-tool-use, feature file',
    args: ['hook', 'post-tool-use'],
    input: (root, n) => ({ session_id: 'bench', cwd: root, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: tasksFile(root, Math.ceil(n / 2)) } }),
    goal: { at: 5000, max: 2 },
  },
  { name: 'hook session-start', args: ['hook', 'session-start'], input: (root) => ({ session_id: 'bench', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }), goal: { at: 5000, max: 2.5 } },
  { name: 'validate --all', args: ['validate', '--all'], min: 100 },
  { name: 'audit --missing-integrations', args: ['audit', '--missing-integrations'], min: 100 },
  { name: 'sync --all-features --dry-run', args: ['sync', '--all-features', '--dry-run'], min: 100, goal: { at: 1000, max: 10 }, memory: { at: 5000, maxMb: 150 } },
];

export default async function (ctx) {
  const sizes = ctx.quick ? [1, 1000] : [1, 100, 1000, 5000];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...DEAD_ENV };
  const tmp = ctx.tempDir('spec-bench-rss-');
  for (const path of PATHS) {
    const seen = [];
    for (const n of sizes.filter((s) => s >= (path.min ?? 1))) {
      const root = sharedProject(n);
      const side = { cmd: process.execPath, args: [ctx.bundle, ...path.args], cwd: root, env, allowFailure: true, timeout: 600_000 };
      if (path.input) side.input = JSON.stringify(path.input(root, n));
      const p = pair({ ...nodeFloor(), env }, side, { pairs: n >= 5000 ? 3 : ctx.quick ? 3 : 5 });
      seen.push({ n, p });
      const goal = path.goal && path.goal.at === n ? `≤ ${path.goal.max}×` : undefined;
      ctx.report(`${path.name}, ${n.toLocaleString('en-US')} feature(s)`, { value: p.bMs, unit: ' ms', ratio: p.ratio, goal, met: goal ? p.ratio <= path.goal.max : undefined, note: `${spread(p)}; exit ${p.status}` });
      if (path.memory && path.memory.at === n) {
        const mb = peakMb(side, tmp);
        ctx.report(`${path.name}, ${n.toLocaleString('en-US')} features: peak memory`, { value: mb, unit: ' MB', goal: `< ${path.memory.maxMb} MB`, met: mb < path.memory.maxMb });
      }
    }
    if (seen.length > 1) {
      const first = seen[0];
      const last = seen[seen.length - 1];
      const perFeature = (last.p.bMs - first.p.bMs) / (last.n - first.n);
      ctx.report(`${path.name}: growth`, { value: seen.map((s) => `${s.p.ratio.toFixed(1)}×`).join(' → '), note: `at ${seen.map((s) => s.n.toLocaleString('en-US')).join(' / ')} features; ${perFeature.toFixed(3)} ms per added feature` });
    }
  }
}
