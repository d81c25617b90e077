// All consistency checks of one feature, as data. The `validate` command prints them.
import { parseStories } from '../workspace/stories.js';
import { malformedTaskLines, parseTasks } from '../workspace/tasks.js';
import { checkClarifications } from './clarify.js';
import { checkCoverage, taskTexts } from './coverage.js';
import { checkDocuments } from './documents.js';
import { checkLinks } from './links.js';
import { checkTasks } from './tasks.js';
import type { Check, DocInput, FeatureInput } from './types.js';

export type { Check, DocInput, FeatureInput, Finding } from './types.js';

export function checkFeature(input: FeatureInput): Check[] {
  const checks: Check[] = [checkDocuments(input)];
  const docs = [input.spec, input.plan, input.tasks].filter((d): d is DocInput => Boolean(d));
  const tasks = input.tasks ? parseTasks(input.tasks.body, input.tasks.bodyLine) : undefined;
  if (input.tasks && tasks) checks.push(...checkTasks(tasks, input.tasks.display, malformedTaskLines(input.tasks.body, input.tasks.bodyLine)));
  if (input.spec) {
    if (input.tasks && tasks) {
      const stories = parseStories(input.spec.body, input.spec.bodyLine);
      checks.push(checkCoverage({ stories, specFile: input.spec.display, tasks, texts: taskTexts(tasks, input.tasks.body, input.tasks.bodyLine), tasksFile: input.tasks.display }));
    } else {
      checks.push({ name: 'Coverage', passed: '', skipped: 'skipped (no tasks.md yet)', findings: [] });
    }
  }
  checks.push(checkLinks(docs, tasks ? new Set(tasks.map((t) => t.id)) : undefined));
  checks.push(checkClarifications(docs));
  return checks;
}

export function countFindings(checks: Check[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const c of checks) for (const f of c.findings) f.level === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
