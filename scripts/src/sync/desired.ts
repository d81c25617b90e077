// Declare: what a feature should have on each tracker, with the content hash of what would be sent and
// the link already recorded. Pure given a DesireContext; `loadDesireContext` does the one read (template).
import type { Config } from '../config/load.js';
import { SpecError } from '../core/errors.js';
import { buildConfluencePage } from '../trackers/confluence/payload.js';
import { featureBranch } from '../trackers/render/feature-meta.js';
import { buildGithubIssues, linkedIssueNumbers } from '../trackers/github/payload.js';
import { maskDependencyNumbers } from '../trackers/render/issue-body.js';
import { buildJiraIssue, parseJiraTemplate, type JiraTemplateFields } from '../trackers/jira/payload.js';
import { buildLinearIssue, buildLinearTaskIssues } from '../trackers/linear/payload.js';
import { parseIssueTemplate, type IssueTemplate } from '../trackers/render/issue-template.js';
import type { FeatureSnapshot } from '../workspace/documents.js';
import { resolveTemplate } from '../workspace/templates.js';
import type { DesiredItem, RemoteRef, Tracker } from '../trackers/contract.js';
import { contentHash } from './hash.js';

export const JIRA_TEMPLATE = 'integrations/jira-story-template.md';
export const GITHUB_TEMPLATE = 'integrations/github-issue-template.md';
export const LINEAR_TEMPLATE = 'integrations/linear-issue-template.md';
export const CONFLUENCE_TEMPLATE = 'integrations/confluence-page-template.md';

export interface DesireContext {
  config: Config;
  jiraTemplate?: JiraTemplateFields;
  githubTemplate?: IssueTemplate;
  linearTemplate?: IssueTemplate;
  confluenceTemplate?: IssueTemplate;
  /** Problems worth a warning line (template, custom fields); never fatal. */
  warnings: string[];
}

/** One integration template, project override first; undefined when neither exists (built-in defaults). */
function readTemplate<T>(root: string, name: string, parse: (text: string, display: string) => { warnings: string[] } & T, warnings: string[]): T | undefined {
  try {
    const t = resolveTemplate(root, name);
    const parsed = parse(t.text, t.display);
    warnings.push(...parsed.warnings);
    return parsed;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return undefined;
  }
}

/** Reads the integration templates: the JIRA story's fields, the GitHub and Linear issue layouts. */
export function loadDesireContext(root: string, config: Config): DesireContext {
  const warnings: string[] = [];
  const jiraTemplate = readTemplate(root, JIRA_TEMPLATE, parseJiraTemplate, warnings)?.fields;
  const githubTemplate = readTemplate(root, GITHUB_TEMPLATE, parseIssueTemplate, warnings)?.template;
  const linearTemplate = readTemplate(root, LINEAR_TEMPLATE, parseIssueTemplate, warnings)?.template;
  const confluenceTemplate = readTemplate(root, CONFLUENCE_TEMPLATE, (text, display) => parseIssueTemplate(text, display, 'page'), warnings)?.template;
  return {
    config,
    warnings,
    ...(jiraTemplate ? { jiraTemplate } : {}),
    ...(githubTemplate ? { githubTemplate } : {}),
    ...(linearTemplate ? { linearTemplate } : {}),
    ...(confluenceTemplate ? { confluenceTemplate } : {}),
  };
}

/** Options of the JIRA, GitHub, Linear and Confluence builders, the same for sync and export. */
export function issueOptions(ctx: DesireContext, snap: FeatureSnapshot) {
  const { config } = ctx;
  const branch = featureBranch(config.git.pattern, snap.feature);
  return {
    jira: {
      projectKey: config.jira.projectKey,
      ...(config.settings.has('SPEC_JIRA_ISSUE_TYPE') ? { issueType: config.jira.issueType } : {}),
      ...(config.jira.epic ? { epic: config.jira.epic } : {}),
      branch,
      customFields: config.jira.customFields,
      priorities: config.jira.priorities,
      ...(ctx.jiraTemplate ? { template: ctx.jiraTemplate } : {}),
    },
    github: { milestones: config.github.milestones, branch, ...(ctx.githubTemplate ? { template: ctx.githubTemplate } : {}) },
    confluence: {
      space: config.confluence.space,
      rootPageId: config.confluence.rootPageId,
      branch,
      ...(ctx.confluenceTemplate ? { template: ctx.confluenceTemplate } : {}),
    },
    linear: {
      teamId: config.linear.teamId,
      labels: config.linear.labels,
      branch,
      ...(config.linear.projectId ? { projectId: config.linear.projectId } : {}),
      ...(ctx.linearTemplate ? { template: ctx.linearTemplate } : {}),
    },
  };
}

export const itemKey = (snap: FeatureSnapshot, tracker: Tracker, item: string) => `${snap.feature.name}/${tracker}/${item}`;

function link(id: unknown, url: unknown, display?: string): RemoteRef | undefined {
  if (id === undefined || id === null || String(id).trim() === '') return undefined;
  const s = String(id).trim();
  return { id: s, ...(typeof url === 'string' && url ? { url } : {}), ...(display ? { display } : {}) };
}

export function desiredItems(tracker: Tracker, snap: FeatureSnapshot, ctx: DesireContext): DesiredItem[] {
  const { config } = ctx;
  const f = snap.feature;
  const out: DesiredItem[] = [];
  switch (tracker) {
    case 'jira': {
      if (!snap.spec) break;
      const { payload, warnings } = buildJiraIssue(snap, issueOptions(ctx, snap).jira);
      ctx.warnings.push(...warnings.map((w) => `${f.id}: JIRA ${w}`));
      const linked = link(snap.spec.data.jira_id, snap.spec.data.jira_url);
      out.push({ key: itemKey(snap, 'jira', 'story'), tracker, feature: f, item: 'story', label: 'JIRA story', payload, hash: contentHash(payload), ...(linked ? { linked } : {}) });
      break;
    }
    case 'confluence': {
      const sources: Array<['plan.md' | 'spec.md', string]> = [['plan.md', 'page']];
      if (config.confluence.publishSpec) sources.push(['spec.md', 'spec-page']);
      for (const [source, item] of sources) {
        const payload = buildConfluencePage(snap, source, issueOptions(ctx, snap).confluence);
        if (!payload) continue;
        const doc = source === 'plan.md' ? snap.plan : snap.spec;
        const linked = link(doc?.data.confluence_page_id, doc?.data.confluence_url);
        const label = source === 'plan.md' ? 'Confluence page' : 'Confluence spec page';
        out.push({ key: itemKey(snap, 'confluence', source === 'plan.md' ? 'plan' : 'spec'), tracker, feature: f, item, label, payload, hash: contentHash(payload), ...(linked ? { linked } : {}) });
      }
      break;
    }
    case 'linear': {
      if (!snap.spec) break;
      const opts = issueOptions(ctx, snap).linear;
      const payload = buildLinearIssue(snap, opts);
      const linked = link(snap.spec.data.linear_id, snap.spec.data.linear_url);
      const parentKey = itemKey(snap, 'linear', 'issue');
      out.push({ key: parentKey, tracker, feature: f, item: 'issue', label: 'Linear issue', payload, hash: contentHash(payload), ...(linked ? { linked } : {}) });
      if (config.linear.taskIssues) {
        for (const { task, payload: p } of buildLinearTaskIssues(snap, opts)) {
          out.push({ key: itemKey(snap, 'linear', task.id), tracker, feature: f, item: task.id, label: `Linear sub-issue ${task.id}`, taskId: task.id, done: task.done, payload: p, hash: contentHash({ p, done: task.done }), linkInJournal: true, parentKey });
        }
      }
      break;
    }
    case 'github': {
      const numbers = linkedIssueNumbers(snap);
      for (const { task, payload } of buildGithubIssues(snap, issueOptions(ctx, snap).github, numbers)) {
        const n = numbers[task.id];
        const linked = link(n, undefined, n === undefined ? undefined : `#${n}`);
        // Dependency numbers fill in as issues are created: no change of content, or every first sync
        // would be followed by a round of updates.
        const hash = contentHash({ payload: { ...payload, body: maskDependencyNumbers(payload.body) }, done: task.done });
        out.push({ key: itemKey(snap, 'github', task.id), tracker, feature: f, item: task.id, label: `GitHub issue ${task.id}`, taskId: task.id, done: task.done, payload, hash, ...(linked ? { linked } : {}) });
      }
      break;
    }
  }
  return out;
}
