// The coverage rule (templates and docs are written against it):
// - a user story USn is covered when a task carries [USn];
// - a criterion with an explicit id ACn.m is covered when some task mentions ACn.m, or when some task
//   tagged [USn] mentions no AC id at all;
// - a criterion without an id is covered when its story is covered.
import type { UserStory } from '../workspace/stories.js';
import type { Task } from '../workspace/tasks.js';
import type { Check, Finding } from './types.js';

const ANY_AC = /(?<![\w.])AC\d+(?:\.\d+)*(?![\d])/i;

function mentions(text: string, acId: string): boolean {
  const escaped = acId.replace(/\./g, '\\.');
  return new RegExp(`(?<![\\w.])${escaped}(?![\\d]|\\.\\d)`, 'i').test(text);
}

/** A task's own text: its line plus the indented lines under it (notes, sub-bullets). */
export function taskTexts(tasks: Task[], body: string, bodyLine: number): Map<Task, string> {
  const lines = body.split('\n');
  const taskLines = new Set(tasks.map((t) => t.line));
  const out = new Map<Task, string>();
  for (const t of tasks) {
    const index = t.line - bodyLine;
    const first = lines[index] ?? '';
    const indent = first.length - first.trimStart().length;
    const parts = [first];
    for (let i = index + 1; i < lines.length && !taskLines.has(i + bodyLine); i++) {
      const l = lines[i] as string;
      if (!l.trim()) break;
      if (l.length - l.trimStart().length <= indent) break;
      parts.push(l);
    }
    out.set(t, parts.join('\n'));
  }
  return out;
}

export interface CoverageInput {
  stories: UserStory[];
  specFile: string;
  tasks: Task[];
  /** Each task's text (see taskTexts). */
  texts: Map<Task, string>;
  tasksFile: string;
}

export function checkCoverage(input: CoverageInput): Check {
  const { stories, tasks, texts } = input;
  const findings: Finding[] = [];
  const name = 'Coverage';
  if (!stories.length) {
    findings.push({ level: 'warning', code: 'no-stories', file: input.specFile, message: 'names no user stories (a heading or list item starting with US1, US2 …), so task coverage cannot be checked' });
    return { name, passed: 'no user stories to cover', findings };
  }
  const known = new Set(stories.map((s) => s.id));
  for (const t of tasks) {
    for (const s of t.stories) {
      if (!known.has(s)) findings.push({ level: 'warning', code: 'unknown-story', file: input.tasksFile, line: t.line, message: `${t.id} is tagged [${s}], which spec.md does not define` });
    }
  }
  let criteria = 0;
  for (const story of stories) {
    const tagged = tasks.filter((t) => t.stories.includes(story.id));
    if (!tagged.length) {
      findings.push({ level: 'error', code: 'uncovered-story', file: input.specFile, line: story.line, message: `${story.id}${story.title ? ` "${story.title}"` : ''} has no task; tag one in tasks.md with [${story.id}]` });
    }
    const generalTask = tagged.some((t) => !ANY_AC.test(texts.get(t) ?? ''));
    for (const ac of story.criteria) {
      criteria++;
      if (!/^AC/i.test(ac.id)) continue; // no id: covered with its story (reported above when not)
      if (generalTask || tasks.some((t) => mentions(texts.get(t) ?? '', ac.id))) continue;
      const why = tagged.length ? `every [${story.id}] task names other criteria` : `no task is tagged [${story.id}]`;
      findings.push({ level: 'error', code: 'uncovered-criterion', file: input.specFile, line: ac.line, message: `${ac.id} (${story.id}) is not covered: no task mentions ${ac.id} and ${why}` });
    }
  }
  const s = stories.length;
  return { name, passed: `${s} user stor${s === 1 ? 'y' : 'ies'} and ${criteria} acceptance criteri${criteria === 1 ? 'on' : 'a'} covered by tasks`, findings };
}
