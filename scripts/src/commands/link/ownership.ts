// What `spec link` must refuse before it writes anything: a task id tasks.md does not have, replacing
// a link without --force, and an item another local feature already links (naming that feature).
// Pure over the features' current links; reading them is `currentLinks`.
import type { FeatureRef } from '../../workspace/features.js';
import { readDoc } from '../../workspace/documents.js';

export interface FeatureLinks {
  jira?: string;
  linear?: string;
  confluence?: string;
  github: Record<string, number>;
}

export interface WantedLinks {
  jira?: string;
  linear?: string;
  confluence?: string;
  github?: Record<string, number>;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** The links recorded in a feature's frontmatter (spec.md, plan.md, tasks.md). */
export function currentLinks(feature: FeatureRef): FeatureLinks {
  const spec = readDoc(feature, 'spec.md')?.data ?? {};
  const plan = readDoc(feature, 'plan.md')?.data ?? {};
  const issues = readDoc(feature, 'tasks.md')?.data.github_issues;
  const github: Record<string, number> = {};
  if (issues && typeof issues === 'object') for (const [t, n] of Object.entries(issues as Record<string, unknown>)) if (Number.isInteger(Number(n))) github[t] = Number(n);
  const jira = text(spec.jira_id);
  const linear = text(spec.linear_id);
  const confluence = text(plan.confluence_page_id);
  return { ...(jira ? { jira } : {}), ...(linear ? { linear } : {}), ...(confluence ? { confluence } : {}), github };
}

/** Task ids asked for that tasks.md does not list. */
export function unknownTasks(wanted: Record<string, number>, taskIds: readonly string[]): string[] {
  const known = new Set(taskIds);
  return Object.keys(wanted).filter((t) => !known.has(t));
}

const NAMES = { jira: 'JIRA', linear: 'Linear', confluence: 'Confluence page' } as const;

/** Each existing link the request would overwrite with something else, in words ("JIRA PROJ-1 with PROJ-2"). */
export function replacements(current: FeatureLinks, wanted: WantedLinks): string[] {
  const out: string[] = [];
  for (const k of ['jira', 'linear', 'confluence'] as const) {
    const was = current[k];
    const now = wanted[k];
    if (was && now && was !== now) out.push(`${NAMES[k]} ${was} with ${now}`);
  }
  for (const [task, n] of Object.entries(wanted.github ?? {})) {
    const was = current.github[task];
    if (was !== undefined && was !== n) out.push(`${task} → GitHub #${was} with #${n}`);
  }
  return out;
}

/** Items another feature of this repository already links: "PROJ-7 is linked by 002-billing (spec.md jira_id)". */
export function claimedByOthers(wanted: WantedLinks, others: ReadonlyArray<{ feature: FeatureRef; links: FeatureLinks }>): string[] {
  const out: string[] = [];
  for (const { feature, links } of others) {
    if (wanted.jira && links.jira === wanted.jira) out.push(`JIRA ${wanted.jira} is linked by feature ${feature.name} (spec.md jira_id)`);
    if (wanted.linear && links.linear === wanted.linear) out.push(`Linear ${wanted.linear} is linked by feature ${feature.name} (spec.md linear_id)`);
    if (wanted.confluence && links.confluence === wanted.confluence) out.push(`Confluence page ${wanted.confluence} is linked by feature ${feature.name} (plan.md confluence_page_id)`);
    for (const [task, n] of Object.entries(wanted.github ?? {})) {
      const owner = Object.entries(links.github).find(([, m]) => m === n);
      if (owner) out.push(`GitHub #${n} (asked for ${task}) is linked by feature ${feature.name} (tasks.md ${owner[0]})`);
    }
  }
  return out;
}

/** Within one request: two tasks given the same issue number. */
export function sharedNumbers(wanted: Record<string, number>, current: Record<string, number>): string[] {
  const merged = { ...current, ...wanted };
  const byNumber = new Map<number, string[]>();
  for (const [t, n] of Object.entries(merged)) byNumber.set(n, [...(byNumber.get(n) ?? []), t]);
  return [...byNumber].filter(([n, ts]) => ts.length > 1 && ts.some((t) => wanted[t] === n)).map(([n, ts]) => `GitHub #${n} would belong to ${ts.sort().join(' and ')}`);
}
