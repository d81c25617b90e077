// The JIRA story for a feature (REST v3 create-issue body). Which fields go in is decided by the story
// template's frontmatter (`fields:`), the configuration and the spec's own frontmatter, in that order
// of increasing precedence; problems that should not stop a sync come back as warnings.
import { customFieldKey } from '../../config/keys.js';
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { Priority } from '../../workspace/tasks.js';
import { renderTemplate } from '../../workspace/templates.js';
import { templateValues } from '../render/feature-values.js';
import { templateSection } from '../render/issue-template.js';
import { markdownToAdf } from '../render/adf.js';
import { clip, featureLabel, featurePriority, publishableBody } from '../render/feature-meta.js';
import type { JiraIssuePayload } from '../render/payload-types.js';

/** P1–P3 → JIRA's default priority scheme. Highest/Lowest are left for humans to escalate to. */
export const JIRA_PRIORITY: Record<Priority, string> = { P1: 'High', P2: 'Medium', P3: 'Low' };

export interface JiraTemplateFields {
  issuetype?: string;
  /** `from-spec` (default), `none`, or a fixed priority name. */
  priority?: string;
  labels?: string[];
  /** Keyed by a configured name (`sprint`, see SPEC_JIRA_CUSTOM_FIELD_SPRINT) or a raw `customfield_N`. */
  customFields?: Record<string, unknown>;
  /** The template's body: the description, with {{placeholders}} filled in. Empty → the whole spec body. */
  body?: string;
}

export interface JiraOptions {
  projectKey: string;
  /** SPEC_JIRA_ISSUE_TYPE when the user set it; otherwise the template's, else Story. */
  issueType?: string;
  /** The feature's git branch name, for the template's {{branch}}. */
  branch?: string;
  /** SPEC_JIRA_EPIC: the default epic when spec.md has no `jira_epic`. */
  epic?: string;
  /** name (lower case) → customfield_N, from SPEC_JIRA_CUSTOM_FIELD_<NAME>. */
  customFields: Record<string, string>;
  /** The project's names for P1–P3 (SPEC_JIRA_PRIORITY_P1…P3); JIRA_PRIORITY when absent. */
  priorities?: Record<Priority, string>;
  template?: JiraTemplateFields;
}

export interface Built<T> {
  payload: T;
  warnings: string[];
}

const FIELD_ID = /^customfield_\d+$/;

/** Reads `fields:` from the story template's frontmatter; a template without it, or none at all, means defaults. */
export function parseJiraTemplate(text: string, display: string): { fields: JiraTemplateFields; warnings: string[] } {
  const { raw, body, warnings: found } = templateSection(text, display, 'fields');
  const fields: JiraTemplateFields = body ? { body } : {};
  const warnings = [...found];
  if (typeof raw.issuetype === 'string' && raw.issuetype.trim()) fields.issuetype = raw.issuetype.trim();
  if (typeof raw.priority === 'string' && raw.priority.trim()) fields.priority = raw.priority.trim();
  if (Array.isArray(raw.labels)) fields.labels = raw.labels.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim());
  const custom = raw.customFields ?? raw.custom_fields;
  if (custom && typeof custom === 'object' && !Array.isArray(custom)) fields.customFields = custom as Record<string, unknown>;
  else if (custom !== undefined && custom !== null) warnings.push(`${display}: 'fields.customFields' should be a map; ignored`);
  return { fields, warnings };
}

const jiraLabel = (l: string) => l.trim().replace(/\s+/g, '-');

export function buildJiraIssue(snap: FeatureSnapshot, opts: JiraOptions): Built<JiraIssuePayload> {
  const warnings: string[] = [];
  const t = opts.template ?? {};
  const fm = snap.spec?.data ?? {};
  const fields: JiraIssuePayload['fields'] = {
    project: { key: opts.projectKey },
    summary: clip(snap.title, 255),
    description: markdownToAdf(t.body ? renderTemplate(t.body, templateValues(snap, opts.branch)) : publishableBody(snap.spec?.body)),
    issuetype: { name: opts.issueType ?? t.issuetype ?? 'Story' },
    labels: [...new Set(['spec', featureLabel(snap.feature), ...(t.labels ?? [])].map(jiraLabel))],
  };
  const priorityRule = t.priority ?? 'from-spec';
  if (priorityRule === 'from-spec') {
    const p = featurePriority(snap);
    if (p) fields.priority = { name: opts.priorities?.[p] || JIRA_PRIORITY[p] };
  } else if (priorityRule !== 'none') fields.priority = { name: priorityRule };
  const epic = typeof fm.jira_epic === 'string' && fm.jira_epic.trim() ? fm.jira_epic.trim() : opts.epic;
  if (epic) fields.parent = { key: epic };

  // Custom field values: the template's defaults, overridden per feature by spec.md's `jira_fields`.
  const perFeature = fm.jira_fields && typeof fm.jira_fields === 'object' && !Array.isArray(fm.jira_fields) ? (fm.jira_fields as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries({ ...(t.customFields ?? {}), ...perFeature })) {
    if (value === null || value === undefined || value === '') continue;
    const id = FIELD_ID.test(name) ? name : opts.customFields[name.toLowerCase()];
    if (!id) {
      warnings.push(`custom field '${name}' has no id: add ${customFieldKey(name)}=customfield_N to CLAUDE.md; not sent`);
      continue;
    }
    fields[id] = value;
  }
  return { payload: { fields }, warnings };
}
