// tasks.md: one task a line, `- [ ] T001 [P] [US1] P1 Description (path/touched.ts) (depends on T000, T002)`.
import { blankHtmlComments } from './markdown-comments.js';

export type Priority = 'P1' | 'P2' | 'P3';

export interface Task {
  id: string;
  done: boolean;
  parallel: boolean;
  stories: string[];
  priority?: Priority;
  description: string;
  files: string[];
  dependsOn: string[];
  /** 1-based line in the file. */
  line: number;
}

const TASK_LINE = /^(\s*[-*+]\s+\[)([ xX])(\]\s+)(T\d{3,})\b(.*)$/;

export function parseTasks(body: string, firstLine = 1): Task[] {
  const tasks: Task[] = [];
  const lines = body.split('\n');
  lines.forEach((raw, index) => {
    const m = TASK_LINE.exec(raw.replace(/\r$/, ''));
    if (!m) return;
    let rest = (m[5] ?? '').trim();
    let parallel = false;
    const stories: string[] = [];
    let priority: Priority | undefined;
    for (;;) {
      const tag = /^\[(P|US\d+)\]\s*/i.exec(rest);
      if (tag) {
        const t = (tag[1] as string).toUpperCase();
        if (t === 'P') parallel = true;
        else stories.push(t);
        rest = rest.slice(tag[0].length);
        continue;
      }
      const prio = /^\[?(P[1-3])\]?(?=\s|:|$)\s*:?\s*/.exec(rest);
      if (prio && !priority) {
        priority = prio[1] as Priority;
        rest = rest.slice(prio[0].length);
        continue;
      }
      break;
    }
    const dependsOn: string[] = [];
    const files: string[] = [];
    rest = rest.replace(/\((?:depends on|deps?:|after)\s*([^)]*)\)/gi, (_all, list: string) => {
      for (const id of list.split(/[\s,]+/)) if (/^T\d{3,}$/.test(id)) dependsOn.push(id);
      return '';
    });
    rest = rest.replace(/\(([^()]*[/.][^()]*)\)/g, (all, inner: string) => {
      const parts = inner.split(',').map((p) => p.trim().replace(/^`|`$/g, ''));
      if (parts.every((p) => /^[\w@~.\-/]+\.[\w]+$|^[\w@~.\-]+\/[\w@~.\-/]*$/.test(p))) {
        files.push(...parts);
        return '';
      }
      return all;
    });
    tasks.push({
      id: m[4] as string,
      done: m[2] !== ' ',
      parallel,
      stories,
      ...(priority ? { priority } : {}),
      description: rest.replace(/\s+/g, ' ').trim(),
      files,
      dependsOn,
      line: firstLine + index,
    });
  });
  return tasks;
}

// Lines meant as tasks that TASK_LINE does not read: `- [] T008`, `- [ ] T11`, `- [ ]T012`, `1. [ ] T013`.
const TASKISH = /^\s*(?:[-*+]|\d+[.)])\s*\[[^\]]{0,3}\]\s*T\d+/i;

export interface MalformedTask {
  line: number;
  text: string;
}

/** Task-like lines the parser skips (outside code fences and HTML comments), so validate can name them. */
export function malformedTaskLines(body: string, firstLine = 1): MalformedTask[] {
  const out: MalformedTask[] = [];
  let fence = false;
  blankHtmlComments(body)
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      if (fence || TASK_LINE.test(line) || !TASKISH.test(line)) return;
      out.push({ line: firstLine + index, text: line.trim() });
    });
  return out;
}

/** Flip one task's checkbox; returns undefined when the id is not in the text. */
export function setTaskDone(body: string, id: string, done: boolean): string | undefined {
  const lines = body.split('\n');
  let found = false;
  const out = lines.map((raw) => {
    const m = TASK_LINE.exec(raw.replace(/\r$/, ''));
    if (!m || m[4] !== id || found) return raw;
    found = true;
    const cr = raw.endsWith('\r') ? '\r' : '';
    return `${m[1]}${done ? 'x' : ' '}${m[3]}${m[4]}${m[5]}${cr}`;
  });
  return found ? out.join('\n') : undefined;
}

export function progress(tasks: Task[]): { done: number; total: number; percent: number } {
  const done = tasks.filter((t) => t.done).length;
  const total = tasks.length;
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}
