// JIRA's answers to a create or edit it refused, read from its ErrorCollection: the epic link (retried
// without it: a partial success), and fields it will not take, turned into the fix the user can make.
import { customFieldKey } from '../../config/keys.js';
import type { Config } from '../../config/load.js';
import { classifyResponse } from '../classify.js';
import { jiraDialect } from './dialect.js';
import { TrackerError } from '../errors.js';
import type { Headers } from '../policy.js';

export interface ErrorCollection {
  errorMessages?: string[];
  errors?: Record<string, string>;
}

export function asErrorCollection(body: unknown): ErrorCollection {
  if (!body || typeof body !== 'object') return {};
  const b = body as ErrorCollection;
  return { errorMessages: Array.isArray(b.errorMessages) ? b.errorMessages : [], errors: b.errors && typeof b.errors === 'object' && !Array.isArray(b.errors) ? b.errors : {} };
}

/** The refusal is about the epic link (`parent`): the story can still be created without it. */
export function isEpicRefusal(status: number, ec: ErrorCollection): boolean {
  if (status !== 400) return false;
  if (ec.errors && 'parent' in ec.errors) return true;
  return (ec.errorMessages ?? []).some((m) => /\b(parent|epic)\b/i.test(m));
}

export function epicWarning(epic: string): string {
  return `created but not linked to epic ${epic} (epic not found or no permission); check jira_epic in spec.md or SPEC_JIRA_EPIC, then run spec sync again`;
}

/** The refusal is about the priority: a name outside the project's scheme, or Priority not on its screen. */
export function isPriorityRefusal(status: number, ec: ErrorCollection): boolean {
  return status === 400 && Boolean(ec.errors && 'priority' in ec.errors);
}

/** Which P level a priority name came from, for the setting to fix (undefined: a template's fixed name). */
function prioritySetting(name: string, config: Config): string | undefined {
  const level = (Object.entries(config.jira.priorities ?? {}) as Array<[string, string]>).find(([, n]) => n === name)?.[0];
  return level ? `SPEC_JIRA_PRIORITY_${level}` : undefined;
}

export function priorityWarning(name: string, jiraText: string, config: Config): string {
  const project = config.jira.projectKey;
  if (/not on the appropriate screen|cannot be set/i.test(jiraText)) {
    return `sent without priority '${name}': Priority is not on the create/edit screen of project ${project}; add it to the screen in JIRA (Project settings, Issue types, Configure screen), or set 'priority: none' in the story template's fields`;
  }
  const setting = prioritySetting(name, config);
  const fix = setting ? `set ${setting} (and its siblings SPEC_JIRA_PRIORITY_P1…P3) to the priority names of project ${project}` : `change 'priority' in the story template's fields to a priority name of project ${project}`;
  return `sent without priority '${name}': project ${project} does not have it (JIRA: "${jiraText}"); ${fix}, then run spec sync again`;
}

const TEMPLATE_ADVICE =
  'copy workflow/templates/integrations/jira-story-template.md to .spec/templates/ and edit its fields to match your JIRA project';

/** Name a field for people: `customfield_10001 (Sprint)`, using SPEC_JIRA_CUSTOM_FIELD_<NAME> or JIRA's own words. */
function fieldName(field: string, config: Config, jiraText: string): { label: string; setting?: string } {
  const configured = Object.entries(config.jira.customFields).find(([, id]) => id === field)?.[0];
  const fromJira = /^(.+?) is required/i.exec(jiraText)?.[1]?.trim();
  const name = configured ?? (fromJira && fromJira !== field ? fromJira : undefined);
  const setting = customFieldKey(name ?? field);
  return { label: name ? `'${field}' (${name})` : `'${field}'`, setting };
}

/**
 * A refused create/edit as a TrackerError. Fields JIRA will not set (not on the screen) and required
 * fields we did not send become `validation` errors whose message names the field and the fix.
 * `ec` is the body `text` already read as an ErrorCollection (asErrorCollection).
 */
export function refusal(status: number, headers: Headers, text: string, ec: ErrorCollection, config: Config, action: string): TrackerError {
  const base = classifyResponse({ dialect: jiraDialect, status, headers, body: text, action });
  if (status !== 400) return base;
  const fieldError = (field: string, message: string) =>
    new TrackerError({ kind: 'validation', integration: 'jira', status, statusText: base.statusText, field, message });
  const entries = Object.entries(ec.errors ?? {});
  const offScreen = entries.find(([, m]) => /not on the appropriate screen|cannot be set/i.test(m));
  if (offScreen) {
    const [field] = offScreen;
    const { label } = fieldName(field, config, '');
    return fieldError(
      field,
      `Field ${label} cannot be set: it is not on the appropriate screen (create/edit) of project ${config.jira.projectKey}. Remove it from the story template (${TEMPLATE_ADVICE}), or add it to the screen in JIRA (Project settings, Issue types, Configure screen)`,
    );
  }
  const required = entries.find(([, m]) => /is required/i.test(m)) ?? (ec.errorMessages ?? []).map((m) => [/Field '([^']+)'/.exec(m)?.[1] ?? '', m] as [string, string]).find(([f, m]) => f && /is required/i.test(m));
  if (required) {
    const [field, text2] = required;
    const { label, setting } = fieldName(field, config, text2);
    return fieldError(
      field,
      `Custom field validation failed: field ${label} is required. Add ${setting}=${field} to CLAUDE.md and give it a value under fields.customFields in the story template (${TEMPLATE_ADVICE}) or under jira_fields in spec.md`,
    );
  }
  return base;
}
