// A feature's documents read from disk, and what follows from them (title, phase, progress, links).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTextIfExists } from '../core/text-file.js';
import type { FeatureRef } from './features.js';
import type { Parsed } from './frontmatter.js';
import { readFrontmatter } from './frontmatter-read.js';
import { parseTasks, progress, type Task } from './tasks.js';
import { clarifyMarkers } from './clarify-markers.js';

export type DocName = 'spec.md' | 'plan.md' | 'tasks.md';

export interface FeatureDoc extends Parsed {
  name: DocName;
  path: string;
  display: string;
  text: string;
}

export function readDoc(feature: FeatureRef, name: DocName): FeatureDoc | undefined {
  const path = join(feature.dir, name);
  const display = `features/${feature.name}/${name}`;
  const text = readTextIfExists(path, display);
  if (text === undefined) return undefined;
  // Assigned, not spread: spreading would read the lazy `doc` and parse the YAML after all.
  return Object.assign(readFrontmatter(text, display), { name, path, display, text });
}

export type Phase = 'Specification' | 'Clarification' | 'Planning' | 'Tasks' | 'Implementation' | 'Complete' | 'Not started';

export interface FeatureSnapshot {
  feature: FeatureRef;
  title: string;
  spec?: FeatureDoc;
  plan?: FeatureDoc;
  tasksDoc?: FeatureDoc;
  hasOpenapi: boolean;
  tasks: Task[];
  progress: { done: number; total: number; percent: number };
  phase: Phase;
  next: string;
}

export function featureTitle(feature: FeatureRef, spec?: FeatureDoc): string {
  const fm = spec?.data.title;
  if (typeof fm === 'string' && fm.trim()) return fm.trim();
  const heading = spec ? /^#\s+(.+)$/m.exec(spec.body)?.[1] : undefined;
  if (heading) return heading.replace(/^Feature(?: Specification)?:\s*/i, '').trim();
  return feature.slug.replace(/-/g, ' ');
}

export function derivePhase(s: Pick<FeatureSnapshot, 'spec' | 'plan' | 'tasksDoc' | 'progress'>, id: string): { phase: Phase; next: string } {
  if (!s.spec) return { phase: 'Not started', next: `/spec:generate` };
  if (!s.plan) {
    if (clarifyMarkers(s.spec).length) return { phase: 'Clarification', next: `/spec:clarify --feature=${id}` };
    return { phase: 'Specification', next: `/spec:plan --feature=${id}` };
  }
  if (!s.tasksDoc) return { phase: 'Planning', next: `/spec:tasks --feature=${id}` };
  const { done, total } = s.progress;
  if (total > 0 && done === total) return { phase: 'Complete', next: `/spec:validate --feature=${id}` };
  return { phase: done > 0 ? 'Implementation' : 'Tasks', next: `/spec:implement --feature=${id}` };
}

export function snapshot(feature: FeatureRef): FeatureSnapshot {
  const spec = readDoc(feature, 'spec.md');
  const plan = readDoc(feature, 'plan.md');
  const tasksDoc = readDoc(feature, 'tasks.md');
  const tasks = tasksDoc ? parseTasks(tasksDoc.body, tasksDoc.bodyLine) : [];
  const prog = progress(tasks);
  const base = { spec, plan, tasksDoc, progress: prog };
  const { phase, next } = derivePhase(base, feature.id);
  return {
    feature,
    title: featureTitle(feature, spec),
    ...(spec ? { spec } : {}),
    ...(plan ? { plan } : {}),
    ...(tasksDoc ? { tasksDoc } : {}),
    hasOpenapi: existsSync(join(feature.dir, 'openapi.yaml')),
    tasks,
    progress: prog,
    phase,
    next,
  };
}
