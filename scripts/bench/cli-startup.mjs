// Helper runtime: `spec hook post-tool-use` on a file outside features/ (goal ≤ 1.15× node -e 0), the
// same in a folder that is no spec project at all, and `spec status` with 1,000 features of 30 tasks
// (goal ≤ 2×). Ratios from paired runs (lib/pair.mjs).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFloor, pair, spread } from './lib/pair.mjs';
import { sharedProject } from './lib/project.mjs';

export default async function (ctx) {
  const pairs = ctx.quick ? 7 : 15;
  const root = sharedProject(1000);
  const hookSide = (cwd) => ({
    cmd: process.execPath,
    args: [ctx.bundle, 'hook', 'post-tool-use'],
    cwd,
    input: JSON.stringify({ session_id: 'b', cwd, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: join(cwd, 'src', 'index.ts') } }),
  });
  const hook = pair(nodeFloor(), hookSide(root), { pairs });
  ctx.report('hook post-tool-use, file outside features/', { value: hook.bMs, unit: ' ms', ratio: hook.ratio, goal: '≤ 1.15×', met: hook.ratio <= 1.15, note: `${spread(hook)}; node -e 0 = ${hook.aMs.toFixed(1)} ms` });

  const plain = ctx.tempDir('spec-bench-plain-');
  writeFileSync(join(plain, 'CLAUDE.md'), '# not a spec project\n');
  for (const event of ['stop', 'session-start']) {
    const side = { cmd: process.execPath, args: [ctx.bundle, 'hook', event], cwd: plain, input: JSON.stringify({ session_id: 'b', cwd: plain, hook_event_name: event }) };
    const p = pair(nodeFloor(), side, { pairs });
    ctx.report(`hook ${event}, folder without features/`, { value: p.bMs, unit: ' ms', ratio: p.ratio, goal: '≤ 1.15×', met: p.ratio <= 1.15, note: spread(p) });
  }

  const status = pair(nodeFloor(), { cmd: process.execPath, args: [ctx.bundle, 'status'], cwd: root }, { pairs: ctx.quick ? 3 : 7 });
  ctx.report('status, 1,000 features × 30 tasks', { value: status.bMs, unit: ' ms', ratio: status.ratio, goal: '≤ 2×', met: status.ratio <= 2, note: spread(status) });
}
