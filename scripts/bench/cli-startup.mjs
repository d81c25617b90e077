// Issue: helper runtime. `spec hook post-tool-use` on a file outside features/ (goal ≤ 1.15× node -e 0)
// and `spec status` in a project with 1,000 features (goal ≤ 2×).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default async function (ctx) {
  const base = ctx.nodeBaseline();
  ctx.report('node -e 0 (baseline)', { value: base, unit: ' ms' });

  const root = ctx.tempDir();
  writeFileSync(join(root, 'CLAUDE.md'), '# project\n');
  const hookInput = JSON.stringify({ session_id: 'b', cwd: root, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: join(root, 'src', 'index.ts') } });
  const hook = ctx.timeCommand(process.execPath, [ctx.bundle, 'hook', 'post-tool-use'], { input: hookInput, cwd: root });
  ctx.report('hook post-tool-use, file outside features/', { value: hook, unit: ' ms', ratio: hook / base, goal: '≤ 1.15×' });

  for (let i = 1; i <= 1000; i++) {
    const dir = join(root, 'features', `${String(i).padStart(3, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n### US1 [P1] As a user I want ${i}\n`);
    writeFileSync(join(dir, 'plan.md'), `# Plan ${i}\n`);
    writeFileSync(join(dir, 'tasks.md'), `# Tasks\n\n- [x] T001 [US1] First (src/a${i}.ts)\n- [ ] T002 [US1] Second (depends on T001)\n`);
  }
  const status = ctx.timeCommand(process.execPath, [ctx.bundle, 'status'], { cwd: root, runs: 9 });
  ctx.report('status, 1,000 features', { value: status, unit: ' ms', ratio: status / base, goal: '≤ 2×' });
}
