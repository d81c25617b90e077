// Feature files and sandbox-backed projects shared by the Linear, GitHub, multi-feature and audit tests.
import type { Project } from '../helpers/project.js';
import type { Sandbox } from '../helpers/sandbox.js';

export const spec = (title: string, priority = 'P1') => `---
title: ${title}
---
# Feature: ${title}

## Summary

${title} for everyone.

## User Stories

### US1 [${priority}] Do the thing
- AC1.1 Given a user, the thing works
- AC1.2 Errors are shown
`;

export const tasks = (n = 2, done: number[] = []) =>
  `# Tasks\n${Array.from({ length: n }, (_, i) => {
    const id = `T${String(i + 1).padStart(3, '0')}`;
    const dep = i > 0 ? ` (depends on T${String(i).padStart(3, '0')})` : '';
    return `- [${done.includes(i + 1) ? 'x' : ' '}] ${id} [US1] Step ${i + 1} of the work${dep}`;
  }).join('\n')}\n`;

export function addFeature(p: Project, n: number, slug: string, o: { title?: string; tasks?: number; done?: number[]; priority?: string } = {}): string {
  const name = `${String(n).padStart(3, '0')}-${slug}`;
  p.write(`features/${name}/spec.md`, spec(o.title ?? slug.replace(/-/g, ' '), o.priority));
  p.write(`features/${name}/plan.md`, '# Plan\n\nKeep it simple.\n');
  p.write(`features/${name}/tasks.md`, tasks(o.tasks ?? 2, o.done ?? []));
  return name;
}

export { sandboxProject } from '../helpers/sandbox.js';

/** Count the sandbox's write requests (anything but GET, and GraphQL mutations) while `fn` runs. */
export async function countWrites<T>(sb: Sandbox, fn: () => Promise<T>): Promise<{ result: T; writes: string[]; reads: number }> {
  const writes: string[] = [];
  let reads = 0;
  const off = sb.onExchange((e) => {
    const mutation = e.service === 'linear' && /^\s*mutation\b/.test((JSON.parse(e.requestBody || '{}') as { query?: string }).query ?? '');
    if ((e.service !== 'linear' && e.method !== 'GET') || mutation) writes.push(`${e.service} ${e.method} ${e.path}`);
    else reads += 1;
  });
  try {
    return { result: await fn(), writes, reads };
  } finally {
    off();
  }
}
