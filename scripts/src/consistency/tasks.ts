// tasks.md on its own: unique ids, dependencies that exist and form no cycle, and [P] tasks that
// would edit the same file at the same time.
import type { MalformedTask, Task } from '../workspace/tasks.js';
import type { Check, Finding } from './types.js';

function duplicateIds(tasks: Task[], file: string): Finding[] {
  const first = new Map<string, Task>();
  const out: Finding[] = [];
  for (const t of tasks) {
    const seen = first.get(t.id);
    if (seen) out.push({ level: 'error', code: 'duplicate-task', file, line: t.line, message: `task id ${t.id} is used twice (first on line ${seen.line}); renumber one` });
    else first.set(t.id, t);
  }
  return out;
}

function missingDependencies(tasks: Task[], file: string): Finding[] {
  const ids = new Set(tasks.map((t) => t.id));
  const out: Finding[] = [];
  for (const t of tasks) {
    for (const d of t.dependsOn) {
      if (!ids.has(d)) out.push({ level: 'error', code: 'missing-dependency', file, line: t.line, message: `${t.id} depends on ${d}, which tasks.md does not define` });
    }
  }
  return out;
}

/** Each cycle once, as `T001 → T003 → T001` (read: T001 depends on T003, which depends on T001). */
function dependencyCycles(deps: Map<string, string[]>, max = 10): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (cycles.length >= max) break;
      const s = state.get(d);
      if (s === 1) {
        const cycle = stack.slice(stack.indexOf(d));
        const key = [...cycle].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, d]);
        }
      } else if (s === undefined && deps.has(d)) visit(d);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of deps.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

function dependsTransitively(from: string, to: string, deps: Map<string, string[]>): boolean {
  const seen = new Set<string>();
  const todo = [...(deps.get(from) ?? [])];
  while (todo.length) {
    const id = todo.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(deps.get(id) ?? []));
  }
  return false;
}

function parallelConflicts(tasks: Task[], file: string, deps: Map<string, string[]>): Finding[] {
  const byFile = new Map<string, Task[]>();
  for (const t of tasks) {
    if (!t.parallel) continue;
    for (const f of new Set(t.files.map((p) => p.replace(/^\.\//, '')))) byFile.set(f, [...(byFile.get(f) ?? []), t]);
  }
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const [path, list] of byFile) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as Task;
        const b = list[j] as Task;
        if (a.id === b.id || (a.done && b.done)) continue;
        if (dependsTransitively(a.id, b.id, deps) || dependsTransitively(b.id, a.id, deps)) continue;
        const key = `${a.id} ${b.id} ${path}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.push({
          level: 'error',
          code: 'parallel-conflict',
          file,
          line: b.line,
          message: `${a.id} and ${b.id} are both [P] and both touch ${path}; drop [P] from one, or make ${b.id} depend on ${a.id}`,
        });
      }
    }
  }
  return out;
}

function malformed(lines: MalformedTask[], file: string): Finding[] {
  return lines.map((m) => ({
    level: 'error',
    code: 'malformed-task',
    file,
    line: m.line,
    message: `'${m.text.slice(0, 60)}' is not read as a task; write it as \`- [ ] T001 Description\` (a dash, a space, [ ] or [x], a space, T and three digits)`,
  }));
}

export function checkTasks(tasks: Task[], file: string, malformedLines: MalformedTask[] = []): Check[] {
  const ids = [...malformed(malformedLines, file), ...duplicateIds(tasks, file), ...missingDependencies(tasks, file)];
  // Each id's dependencies (a duplicated id gets the union).
  const deps = new Map<string, string[]>();
  for (const t of tasks) deps.set(t.id, [...(deps.get(t.id) ?? []), ...t.dependsOn]);
  const firstLine = new Map<string, number>();
  for (const t of tasks) if (!firstLine.has(t.id)) firstLine.set(t.id, t.line);
  const cycles = dependencyCycles(deps).map((c): Finding => ({
    level: 'error',
    code: 'dependency-cycle',
    file,
    line: firstLine.get(c[0] as string) as number,
    message: `dependency cycle ${c.join(' → ')}; remove one of these dependencies`,
  }));
  const empty: Finding[] = tasks.length ? [] : [{ level: 'warning', code: 'no-tasks', file, message: 'lists no tasks (lines like `- [ ] T001 [US1] Description (path/file.ts)`)' }];
  return [
    { name: 'Tasks', passed: `${tasks.length} task${tasks.length === 1 ? '' : 's'}, ids unique, dependencies exist, no cycle`, findings: [...empty, ...ids, ...cycles] },
    { name: 'Parallel tasks', passed: 'no two [P] tasks touch the same file', findings: parallelConflicts(tasks, file, deps) },
  ];
}
