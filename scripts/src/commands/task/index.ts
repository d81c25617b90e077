// spec task done|undo T001: flip the checkbox, then read the file back to prove the write.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { SpecError, UsageError } from '../../core/errors.js';
import { readText } from '../../core/text-file.js';
import { updateSession } from '../../state/session.js';
import { currentFeature } from '../../workspace/current.js';
import { parseFrontmatter } from '../../workspace/frontmatter.js';
import { refreshProgress } from '../../workspace/progress.js';
import { findProjectRoot } from '../../workspace/root.js';
import { parseTasks, progress, setTaskDone } from '../../workspace/tasks.js';
import { editDoc } from '../../workspace/write-doc.js';

export async function run(ctx: CommandContext): Promise<number> {
  const [action, rawId, ...extra] = ctx.args.positionals;
  if (action !== 'done' && action !== 'undo') throw new UsageError("say 'done' or 'undo': spec task done T001");
  if (!rawId || extra.length) throw new UsageError('name exactly one task id, e.g. spec task done T001');
  const id = rawId.toUpperCase();
  if (!/^T\d{3,}$/.test(id)) throw new UsageError(`'${rawId}' is not a task id; task ids look like T001`);
  const root = findProjectRoot(ctx.cwd);
  const flag = stringFlag(ctx.args, 'feature');
  const feature = currentFeature(root, { flag });
  if (!feature) throw new SpecError("no features yet: run 'spec new \"<title>\"' first");
  const path = join(feature.dir, 'tasks.md');
  const display = `features/${feature.name}/tasks.md`;
  if (!existsSync(path)) throw new SpecError(`${display} does not exist: run /spec:tasks first`);

  const done = action === 'done';
  let already = false;
  editDoc(path, display, (text) => {
    const { body } = parseFrontmatter(text, display);
    const task = parseTasks(body).find((t) => t.id === id);
    if (!task) throw new SpecError(`${display}: no task ${id}; check the id with spec status`);
    if (task.done === done) {
      already = true;
      return text;
    }
    return text.slice(0, text.length - body.length) + (setTaskDone(body, id, done) as string);
  });

  // Read back from disk: the write is only reported once the file says so.
  const back = parseFrontmatter(readText(path, display), display);
  const tasks = parseTasks(back.body, back.bodyLine);
  const task = tasks.find((t) => t.id === id);
  if (!task || task.done !== done) throw new SpecError(`${display}: ${id} did not read back as ${done ? 'done' : 'open'}; the file may be changing under us, try again`);
  const p = progress(tasks);
  refreshProgress(root);
  updateSession(root, (s) => ({ ...s, feature: feature.name }));
  const verb = done ? 'done' : 'reopened';
  if (already) ctx.out.ok(`${id} was already ${done ? 'done' : 'open'}: ${task.description}`);
  else ctx.out.ok(`${id} ${verb}: ${task.description}`);
  ctx.out.line(`Progress: ${p.done}/${p.total} (${p.percent}%)`);
  ctx.out.set({ ok: true, feature: feature.name, task: { id, done: task.done, description: task.description, line: task.line }, changed: !already, progress: p });
  return 0;
}
