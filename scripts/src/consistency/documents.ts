// Which documents exist: spec.md is required, and tasks.md derives from plan.md, so it never stands alone.
import type { Check, FeatureInput, Finding } from './types.js';

export function checkDocuments(input: FeatureInput): Check {
  const findings: Finding[] = [];
  const base = `features/${input.name}`;
  if (!input.spec) {
    findings.push({ level: 'error', code: 'missing-spec', file: `${base}/spec.md`, message: 'missing; every feature starts from spec.md (write it with /spec:generate)' });
  }
  if (input.tasks && !input.plan) {
    findings.push({ level: 'error', code: 'tasks-without-plan', file: `${base}/tasks.md`, line: 1, message: 'exists but plan.md does not; write the plan first (/spec:plan), then derive the tasks from it' });
  }
  const present = (['spec', 'plan', 'tasks'] as const).filter((k) => input[k]).map((k) => `${k}.md`);
  return { name: 'Documents', passed: present.join(', '), findings };
}
